/** The index: every service and function documented, with links, and the call graph when one is given. */
import { functionLabel } from '@lambdaport/config';
import { anchorOf, type Block, type Page } from '../blocks.js';
import { type DocsInput, servicePageName } from '../input.js';
import { generatedNote } from './generated-note.js';

/**
 * The index page.
 *
 * @example
 * const page = indexPage(input);
 */
export function indexPage(input: DocsInput): Page {
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: ['Services'] },
    generatedNote(input.regenerate),
    {
      kind: 'table',
      head: ['service', 'function', 'description', 'versions'],
      rows: input.services.flatMap((service) =>
        service.functions
          .filter((fn) => fn.current)
          .map((fn) => {
            const page = servicePageName(service.service);
            const contract = input.contracts.find((c) => c.fn === fn);
            const majors = service.functions.filter((other) => other.name === fn.name).map((m) => `v${m.major}`);
            return [
              [{ text: service.service, link: { page } }],
              [{ text: functionLabel(fn), link: { page, anchor: anchorOf(functionLabel(fn)) } }],
              [contract?.description ?? `(no contract)${fn.description === '' ? '' : ` ${fn.description}`}`],
              [majors.join(', ')],
            ];
          }),
      ),
    },
  ];
  blocks.push({ kind: 'heading', level: 2, text: ['Call graph'] });
  if (input.graph === undefined) {
    blocks.push({
      kind: 'placeholder',
      name: 'graph',
      text: ['The call graph of these services (', { code: 'lambdaport graph' }, ') is shown here when it is drawn.'],
    });
  } else {
    blocks.push({ kind: 'svg', file: 'graph.svg', svg: input.graph.svg, alt: 'The call graph of these services' });
  }
  return { name: 'index', title: 'lambdaport services', blocks };
}
