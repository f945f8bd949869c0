/**
 * Where the call graph enters the docs: `lambdaport docs` and the pages `lambdaport dev` serves both take it from
 * {@link docsGraph}. `@lambdaport/governance`'s `generateDocs` shows the SVG given (`DocsInput.graph`) under "Call
 * graph" on the index: inline in the HTML pages, as `graph.svg` beside the Markdown (a generated file, checked by
 * `--check`); while there is none, a marked placeholder (`<!-- lambdaport:graph -->`, `data-placeholder="graph"`).
 *
 * HOOK for `lambdaport graph` (issue 14, `packages/governance/src/graph/`, not in this branch yet): once it exports
 * `renderGraphSvg(graph)`, this function returns `{ svg: renderGraphSvg(<the graph of services and contracts>) }`.
 * Nothing else changes; then `npm run docs:examples` writes `examples/docs/graph.svg`, and the browser test
 * (packages/cli/test/docs-browser.test.ts) checks that the SVG renders on the index.
 */
import type { LoadedService } from '@lambdaport/config';
import type { DocsInput, LoadedContract } from '@lambdaport/governance';

/**
 * The call graph of `services` as the docs show it; undefined (the docs keep the graph's marked place) until
 * `renderGraphSvg` exists.
 *
 * @example
 * const files = generateDocs({ services, ...loaded, regenerate, graph: docsGraph(services, loaded.contracts) }, 'html');
 */
export function docsGraph(
  _services: readonly LoadedService[],
  _contracts: readonly LoadedContract[],
): DocsInput['graph'] {
  return undefined;
}
