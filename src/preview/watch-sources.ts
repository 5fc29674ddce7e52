import { existsSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';

export type SourceKind = 'content' | 'templates' | 'config';

export interface WatchTarget {
  kind: SourceKind;
  /** A folder; watched recursively unless `names` is given. */
  dir: string;
  /** Only these file names directly in `dir` count (a config file, watched through its folder). */
  names?: readonly string[];
}

export interface SourceWatcher {
  /** Targets that did not exist when watching started (not watched). */
  missing: string[];
  close(): void;
}

/**
 * Watch content, templates and the config, and report the kinds that changed once things go
 * quiet for `debounceMs` (an editor's save is often several events). node:fs.watch with
 * `recursive` works on Linux since Node 19.1 (inotify per folder, new sub-folders included), so
 * no watcher dependency is needed. A config file is watched through its folder because editors
 * save by writing a new file and renaming it over the old one.
 */
export function watchSources(
  targets: readonly WatchTarget[],
  onChange: (kinds: Set<SourceKind>) => void,
  debounceMs = 150,
): SourceWatcher {
  const watchers: FSWatcher[] = [];
  const missing: string[] = [];
  let changed = new Set<SourceKind>();
  let timer: NodeJS.Timeout | undefined;

  const note = (kind: SourceKind) => {
    changed.add(kind);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const kinds = changed;
      changed = new Set();
      onChange(kinds);
    }, debounceMs);
  };

  for (const target of targets) {
    if (!existsSync(target.dir)) {
      missing.push(target.dir);
      continue;
    }
    const watcher = watch(target.dir, { recursive: target.names === undefined }, (_event, name) => {
      const file = name === null ? '' : String(name);
      const base = file.split(/[\\/]/).pop() ?? '';
      // Editors' swap and backup files are not sources.
      if (base.startsWith('.') || base.endsWith('~') || /^\d+$/.test(base)) return;
      if (target.names !== undefined && !target.names.includes(base)) return;
      note(target.kind);
    });
    // A watched folder that disappears emits 'error'; the preview keeps serving.
    watcher.on('error', () => {});
    watchers.push(watcher);
  }

  return {
    missing,
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
