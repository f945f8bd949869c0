/**
 * `generateDocs`: every file of the docs, as relative path → content, in Markdown (for the repository, checked by
 * `lambdaport docs --check`) or HTML (served by `lambdaport dev`): an index, a page per service, and the JSON Schema
 * of each function major's input and output and of each event's detail.
 */
import type { Page } from './blocks.js';
import { type DocsInput, eventSchemaFile, schemaFile } from './input.js';
import { indexPage } from './pages/index-page.js';
import { servicePage } from './pages/service.js';
import { htmlFileOf, renderHtml } from './render/html.js';
import { markdownFileOf, renderMarkdown } from './render/markdown.js';

/** The two renderings of the docs. */
export type DocsFormat = 'markdown' | 'html';

/**
 * The files of the docs, in a stable order: the index, the service pages, the JSON Schema files (and `graph.svg`
 * beside the Markdown when a graph is given).
 *
 * @example
 * const files = generateDocs({ services, contracts, problems, regenerate: 'npx lambdaport docs' }, 'markdown');
 * files.get('README.md');
 */
export function generateDocs(input: DocsInput, format: DocsFormat): Map<string, string> {
  const files = new Map<string, string>();
  const pages: Page[] = [indexPage(input), ...input.services.map((service) => servicePage(service, input))];
  for (const page of pages) {
    if (format === 'markdown') files.set(markdownFileOf(page.name), renderMarkdown(page));
    else files.set(htmlFileOf(page.name), renderHtml(page));
  }
  if (format === 'markdown' && input.graph !== undefined) files.set('graph.svg', input.graph.svg);
  for (const contract of input.contracts) {
    files.set(schemaFile(contract, 'input'), `${JSON.stringify(contract.inputSchema, null, 2)}\n`);
    files.set(schemaFile(contract, 'output'), `${JSON.stringify(contract.outputSchema, null, 2)}\n`);
  }
  for (const event of input.events ?? []) {
    if (event.detailSchema !== undefined) {
      files.set(eventSchemaFile(event), `${JSON.stringify(event.detailSchema, null, 2)}\n`);
    }
  }
  return files;
}
