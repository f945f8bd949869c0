/**
 * The docs of services with more than the examples show: an older major served beside the current one, callers
 * pinned to a major or not, a function whose contract did not load (the HTML of `lambdaport dev` shows why).
 */
import { loadServices } from '@lambdaport/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callersOf, generateDocs, loadContracts } from '../../src/index.js';
import { config, serviceDir } from '../support/service-dir.js';

const CONTRACT = `import { defineFunction } from 'lambdaport';
import { z } from 'zod';
export const getV1 = defineFunction({ name: 'cat.get', version: 1, description: 'Get an item (major 1).', input: z.object({ id: z.number() }), output: z.object({ id: z.number() }) });
export const getV2 = defineFunction({ name: 'cat.get', version: 2, description: 'Get an item by sku.', input: z.object({ sku: z.string() }), output: z.object({ sku: z.string() }), idempotent: true });
`;

describe('generateDocs', () => {
  let cat: { dir: string; remove(): void };
  let buyer: { dir: string; remove(): void };
  let services: Awaited<ReturnType<typeof loadServices>>;

  beforeAll(async () => {
    cat = serviceDir({
      'lambdaport.config.json': config('cat', {
        get: {
          contract: 'src/contract.mjs#getV2',
          version: 2,
          versions: { 1: { handler: 'src/handlers.mjs#handler', contract: 'src/contract.mjs#getV1' } },
        },
        list: {},
      }),
      'src/handlers.mjs': 'export const handler = async () => ({});\n',
      'src/contract.mjs': CONTRACT,
    });
    buyer = serviceDir({
      'lambdaport.config.json': config('buyer', {
        buy: { calls: ['cat.get', 'cat.get@v1'] },
        peek: { calls: ['cat.get@v2'] },
      }),
      'src/handlers.mjs': 'export const handler = async () => ({});\n',
    });
    services = await loadServices([cat.dir, buyer.dir]);
  });

  afterAll(() => {
    cat.remove();
    buyer.remove();
  });

  it("finds each major's callers: an entry without @vN calls the current major", () => {
    const [current, older] = services[0]!.functions;

    expect(callersOf(current!, services).map((c) => `${c.label} (${c.entry})`)).toEqual([
      'buyer.buy (cat.get)',
      'buyer.peek (cat.get@v2)',
    ]);
    expect(callersOf(older!, services).map((c) => `${c.label} (${c.entry})`)).toEqual(['buyer.buy (cat.get@v1)']);
  });

  it('documents every major served, each with its own schemas, and says why a function has no docs', async () => {
    const loaded = await loadContracts(services);
    const input = { services, ...loaded, regenerate: 'lambdaport docs' };

    const md = generateDocs(input, 'markdown');
    const html = generateDocs(input, 'html');

    expect([...md.keys()].filter((f) => f.startsWith('schemas/cat/'))).toEqual([
      'schemas/cat/get.v2.input.json',
      'schemas/cat/get.v2.output.json',
      'schemas/cat/get.v1.input.json',
      'schemas/cat/get.v1.output.json',
    ]);
    const page = md.get('cat.md')!;
    expect(page).toContain('| [cat.get](#catget) | Get an item by sku. | v2, v1 | yes |');
    expect(page).toContain('## cat.get@v1');
    expect(page).toMatch(
      /\| versions served \| \*\*v2\*\* \(current\) by `dev-cat-get-[0-9a-f]{6}`; \[v1\]\(#catgetv1\) by `dev-cat-get-v1-[0-9a-f]{6}` \|/,
    );
    expect(page).toContain('| called by | [buyer.buy](buyer.md#buyerbuy) (`cat.get@v1`) |');
    expect(page).toMatch(/--function-name dev-cat-get-v1-[0-9a-f]{6} --qualifier v1/);
    expect(page).toContain("import { getV1 } from './src/contract.mjs';");
    expect(html.get('cat.html')).toContain('<strong>No contract loaded.</strong>');
    expect(html.get('cat.html')).toContain('cat.list has no contract');
    expect(md.get('README.md')).toContain('| [cat](cat.md) | [cat.list](cat.md#catlist) | (no contract) | v1 |');
  });

  it('shows the call graph when one is given: inline in HTML, graph.svg beside the Markdown; else its marked place', async () => {
    const loaded = await loadContracts(services);
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>calls</title></svg>';
    const without = { services, ...loaded, regenerate: 'lambdaport docs' };
    const withGraph = { ...without, graph: { svg } };

    expect(generateDocs(without, 'markdown').has('graph.svg')).toBe(false);
    expect(generateDocs(without, 'markdown').get('README.md')).toContain('<!-- lambdaport:graph -->');
    expect(generateDocs(without, 'html').get('index.html')).toContain('data-placeholder="graph"');
    const md = generateDocs(withGraph, 'markdown');
    expect(md.get('graph.svg')).toBe(svg);
    expect(md.get('README.md')).toContain('![The call graph of these services](graph.svg)');
    expect(md.get('README.md')).not.toContain('lambdaport:graph');
    const html = generateDocs(withGraph, 'html');
    expect(html.has('graph.svg')).toBe(false);
    expect(html.get('index.html')).toContain(
      `<figure class="graph" aria-label="The call graph of these services">${svg}</figure>`,
    );
  });
});
