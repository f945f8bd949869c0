/**
 * The docs `lambdaport dev` serves on its port under `/_lambdaport/docs/`: the HTML rendering of the same docs
 * `lambdaport docs` writes, made from the running services' contracts. With watching on, a page asked for after a
 * contract's source changed is made again first (the contracts reloaded), so the docs follow the edits.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedService } from '@lambdaport/config';
import { generateDocs, type LoadedContracts, loadContracts } from '@lambdaport/governance';
import type { LocalPage } from '@lambdaport/local';
import { docsGraph } from './docs-graph.js';

/** Where the docs are, below the runtime's URL. */
export const DOCS_PATH = '/_lambdaport/docs/';

/** The docs of the running services. */
export interface DocsSite {
  /** The contracts as last loaded (for the banner's samples). */
  readonly loaded: LoadedContracts;
  /** Answers a path below `/_lambdaport/` (`docs/records.html`). */
  page(pagePath: string): Promise<LocalPage | undefined>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * Loads the contracts of `services` and makes their HTML docs.
 *
 * @example
 * const site = await createDocsSite(runtime.services, { watch: true, regenerate: 'lambdaport docs --dir .' });
 */
export async function createDocsSite(
  services: readonly LoadedService[],
  options: { readonly watch: boolean; readonly regenerate: string },
): Promise<DocsSite> {
  const build = async () => {
    const loaded = await loadContracts(services);
    const graph = docsGraph(services, loaded.contracts);
    const files = generateDocs({ services, ...loaded, regenerate: options.regenerate, graph }, 'html');
    const watched = [
      ...new Set([
        ...loaded.contracts.flatMap((c) => c.source.inputs),
        ...services.flatMap((s) => s.functions.flatMap((fn) => (fn.contract === undefined ? [] : [fn.contract.file]))),
      ]),
    ];
    return { loaded, files, watched, stamps: await stamps(watched) };
  };
  let current = await build();
  let rebuilding: Promise<void> | undefined;
  const fresh = async (): Promise<void> => {
    if (!options.watch) return;
    if (rebuilding === undefined) {
      rebuilding = (async () => {
        if ((await stamps(current.watched)) !== current.stamps) current = await build();
      })().finally(() => {
        rebuilding = undefined;
      });
    }
    await rebuilding;
  };
  return {
    get loaded() {
      return current.loaded;
    },
    async page(pagePath) {
      if (pagePath === '' || pagePath === 'docs') {
        return {
          status: 302,
          type: 'text/plain; charset=utf-8',
          body: `See ${DOCS_PATH}\n`,
          headers: { location: DOCS_PATH },
        };
      }
      if (!pagePath.startsWith('docs/')) return undefined;
      const file = pagePath === 'docs/' ? 'index.html' : pagePath.slice('docs/'.length);
      await fresh();
      const body = current.files.get(file);
      if (body === undefined) return undefined;
      return { type: TYPES[path.extname(file)] ?? 'text/plain; charset=utf-8', body };
    },
  };
}

/** The modification times of `files`, as one string (a file gone counts as a change). */
async function stamps(files: readonly string[]): Promise<string> {
  const times = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (s) => s.mtimeMs,
        () => -1,
      ),
    ),
  );
  return times.join(',');
}
