/**
 * Where the call graph enters the docs: `lambdaport docs` and the pages `lambdaport dev` serves both take it from
 * {@link docsGraph}. `@lambdaport/governance`'s `generateDocs` shows the SVG given (`DocsInput.graph`) under "Call
 * graph" on the index: inline in the HTML pages, as `graph.svg` beside the Markdown (a generated file, checked by
 * `--check`). It is the declared graph (`lambdaport graph --no-observed --format svg`): the docs are the same on
 * every machine, whatever a running `lambdaport dev` observed.
 */
import type { LoadedService } from '@lambdaport/config';
import { buildGraph, type DocsInput, type LoadedContract, renderGraphSvg } from '@lambdaport/governance';

/**
 * The call graph of `services` as the docs show it.
 *
 * @example
 * const files = generateDocs({ services, ...loaded, regenerate, graph: docsGraph(services, loaded.contracts) }, 'html');
 */
export function docsGraph(
  services: readonly LoadedService[],
  contracts: readonly LoadedContract[],
): DocsInput['graph'] {
  return { svg: renderGraphSvg(buildGraph(services, { contracts })) };
}
