/**
 * Watches the config files of the services served (`lambdaport dev`'s watch mode): a save calls `onChange` once
 * (events gathered for a moment; a change during a reload calls it again after). The folder is watched, not the
 * file: editors often replace a file on save, which a watch on the file itself would miss.
 */
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';

/** How long file events are gathered before a reload starts. */
const DEBOUNCE_MS = 50;

/** A running watcher. */
export interface ConfigWatcher {
  close(): void;
}

/**
 * Watches `files`; runs `onChange` after they change, never two at a time.
 *
 * @example
 * const watcher = watchConfigFiles([service.configFile], () => reload());
 * watcher.close();
 */
export function watchConfigFiles(files: readonly string[], onChange: () => Promise<void>): ConfigWatcher {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const run = (): void => {
    timer = undefined;
    if (closed) return;
    if (running !== undefined) {
      again = true;
      return;
    }
    running = onChange()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        if (again && !closed) {
          again = false;
          run();
        }
      });
  };

  const byDir = new Map<string, Set<string>>();
  for (const file of files) {
    const names = byDir.get(path.dirname(file)) ?? new Set<string>();
    names.add(path.basename(file));
    byDir.set(path.dirname(file), names);
  }
  for (const [dir, names] of byDir) {
    try {
      const watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (name !== null && !names.has(name.toString())) return;
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(run, DEBOUNCE_MS);
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // a folder that vanished: nothing to reload from
    }
  }

  return {
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
