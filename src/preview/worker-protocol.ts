import type { TransactionalName } from './preview-views.ts';

/** Messages between the preview server and its render process (Node IPC, JSON). */
export type WorkerRequest =
  | { id: number; kind: 'warm' }
  | { id: number; kind: 'index'; generation: number }
  | { id: number; kind: 'edition'; generation: number; date: string }
  | { id: number; kind: 'transactional'; name: TransactionalName };

export type WorkerResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { message: string; code?: string } };

/** The worker's liveness signal, sent every second while its event loop turns. */
export interface WorkerBeat {
  beat: true;
}

/** Sent once the libraries are loaded; from then on a silent worker is a stuck one. */
export interface WorkerReady {
  ready: true;
}

export type WorkerMessage = WorkerResponse | WorkerBeat | WorkerReady;

/** A request before the client numbers it. */
export type WorkerCall = WorkerRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;
