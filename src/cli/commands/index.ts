import type { RegisterCommand } from '../command.ts';

/** A command's name and a loader for its module: only the command being run is imported. */
export interface CommandEntry {
  name: string;
  load(): Promise<RegisterCommand>;
}

/**
 * Every command, in the order `gazette --help` lists them. Loading is lazy because the modules
 * behind some commands (MJML, React, database drivers) take seconds to import, and `gazette check`
 * should not pay for `gazette send`.
 */
export const commands: CommandEntry[] = [
  { name: 'init', load: async () => (await import('./init.ts')).registerInit },
  { name: 'check', load: async () => (await import('./check.ts')).registerCheck },
  { name: 'build', load: async () => (await import('./build.ts')).registerBuild },
  { name: 'send', load: async () => (await import('./send.ts')).registerSend },
  { name: 'editions', load: async () => (await import('./editions.ts')).registerEditions },
  { name: 'schedule', load: async () => (await import('./schedule.ts')).registerSchedule },
  { name: 'notices', load: async () => (await import('./notices.ts')).registerNotices },
  { name: 'demo', load: async () => (await import('./demo.ts')).registerDemo },
  { name: 'preview', load: async () => (await import('./preview.ts')).registerPreview },
  { name: 'serve', load: async () => (await import('./serve.ts')).registerServe },
  { name: 'subscribers', load: async () => (await import('./subscribers.ts')).registerSubscribers },
  { name: 'inbound', load: async () => (await import('./inbound.ts')).registerInbound },
  { name: 'report', load: async () => (await import('./report.ts')).registerReport },
];
