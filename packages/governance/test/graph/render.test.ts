/**
 * The drawings of a graph with every kind of edge and a flag: Mermaid and DOT (styles by kind, flags as comments),
 * and the SVG (well-formed, a `<title>` on every box, row and edge, distinct styles, flagged edges highlighted, the
 * flags explained), opened in Chromium when it is installed (required under CI=true): it must parse and render.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph, renderGraphDot, renderGraphMermaid, renderGraphSvg, type ServiceGraph } from '../../src/index.js';
import { graphServices } from '../support/graph-services.js';

const CHROMIUM = '/usr/bin/chromium';
const REPO = path.resolve(import.meta.dirname, '../../../..');
let graph: ServiceGraph;
let remove: () => void;

beforeAll(async () => {
  const loaded = await graphServices({
    a: { f: { calls: ['b.g'], idempotent: true } },
    b: { g: { calls: ['c.h', 'c.log'], idempotent: true } },
    c: { h: { calls: ['a.f', 'billing.charge'], idempotent: true }, log: { idempotent: false } },
  });
  remove = loaded.remove;
  const deployed = (service: string, fn: string) =>
    loaded.services.find((s) => s.service === service)!.functions.find((f) => f.name === fn)!.deployedName;
  graph = buildGraph(loaded.services, {
    contracts: loaded.contracts,
    observed: [
      { caller: deployed('a', 'f'), function: deployed('b', 'g'), invocationType: 'RequestResponse', count: 5 },
      { caller: deployed('b', 'g'), function: deployed('c', 'h'), invocationType: 'RequestResponse', count: 5 },
      { caller: deployed('c', 'h'), function: deployed('a', 'f'), invocationType: 'RequestResponse', count: 1 },
      { caller: deployed('b', 'g'), function: deployed('c', 'log'), invocationType: 'Event', count: 2 },
      { caller: deployed('a', 'f'), function: deployed('c', 'log'), invocationType: 'RequestResponse', count: 1 },
    ],
  });
});
afterAll(() => remove());

describe('the graph drawn', () => {
  it('has what the drawings show: a cycle, a send, an undeclared call, an unused one, an external service', () => {
    expect(graph.edges.map((e) => `${e.id} ${e.kind}${e.declared === undefined ? ' undeclared' : ''}`)).toEqual([
      'a.f->b.g@v1 call',
      'b.g->c.h@v1 call',
      'b.g->c.log@v1 send',
      'c.h->a.f@v1 call',
      'c.h->billing.charge call',
      'a.f->c.log@v1 call undeclared',
    ]);
    expect(graph.unused).toEqual(['c.h->billing.charge']);
    expect(graph.flags.map((f) => f.kind)).toEqual(['cycle', 'sync-mutation', 'undeclared-call']);
  });

  it('as Mermaid: a subgraph per service, arrows by kind, flagged edges styled, flags as comments', () => {
    const text = renderGraphMermaid(graph);

    expect(text).toContain('%% FLAG cycle: a → b → c → a');
    expect(text).toContain('flowchart LR');
    expect(text).toContain('subgraph s3["billing (not given)"]');
    expect(text).toMatch(/f1 -\.->\|"send v1 ×2"\| f3/);
    expect(text).toMatch(/f0 -->\|"call v1 ×1 undeclared"\| f3/);
    expect(text).toContain('linkStyle 0 stroke:#c00,stroke-width:3px');
    expect(text).toContain('linkStyle 4 stroke:#999,stroke-dasharray:4 4');
    expect(text).toContain('linkStyle 5 stroke:#c00,stroke-width:3px,stroke-dasharray:2 3');
  });

  it('as DOT: clusters, solid calls, dashed sends, dotted red undeclared calls, flags as comments', () => {
    const text = renderGraphDot(graph);

    expect(text).toContain('// FLAG sync-mutation: a.f calls c.log synchronously, and c.log is not idempotent');
    expect(text).toContain('subgraph cluster_0 {');
    expect(text).toMatch(/"b\.g" -> "c\.log" \[label="send v1 ×2", .*style=dashed\]/);
    expect(text).toMatch(/"a\.f" -> "c\.log" \[.*style=dotted, color="#cc0000", penwidth=2\.5\]/);
    expect(text).toMatch(/"a\.f" -> "b\.g" \[.*style=solid, color="#cc0000"/);
  });

  it('as SVG: well-formed, titled, styled by kind, flags highlighted and explained', () => {
    const svg = renderGraphSvg(graph);

    expect(wellFormed(svg)).toEqual([]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox=/);
    expect(svg).toContain('<title id="graph-title">Call graph: 4 services, 6 calls, 3 flags</title>');
    const edges = [
      ...svg.matchAll(
        /<g class="edge ([^"]*)" data-edge="([^"]*)">\n<title>([^<]*)<\/title>\n<path [^>]*stroke="([^"]*)"[^>]*?( stroke-dasharray="[^"]*")?/g,
      ),
    ];
    expect(edges.map((m) => [m[2], m[1], m[4]])).toEqual([
      ['a.f-&gt;b.g@v1', 'edge-call flagged', '#cc0000'],
      ['b.g-&gt;c.h@v1', 'edge-call flagged', '#cc0000'],
      ['b.g-&gt;c.log@v1', 'edge-send', '#1f7a4d'],
      ['c.h-&gt;a.f@v1', 'edge-call flagged', '#cc0000'],
      ['c.h-&gt;billing.charge', 'edge-call unused', '#9a9a9a'],
      ['a.f-&gt;c.log@v1', 'edge-call undeclared flagged', '#cc0000'],
    ]);
    expect(edges[2]![3]).toBe(
      "b.g sends events to c.log (major 1), declared as 'c.log'; observed 0 synchronous and 2 event invocations",
    );
    expect(svg).toMatch(
      /<g class="service" data-service="billing">\n<title>service billing \(not among the services given\)/,
    );
    expect(svg).toContain('<title>c.log: majors v1; not idempotent (a mutation)</title>');
    expect(svg).toContain('1. cycle: a → b → c → a');
    expect(svg).toContain('3. undeclared-call: a.f called c.log (major 1), which its config does not declare');
  });

  const available = existsSync(CHROMIUM);
  it.runIf(!available && process.env.CI === 'true')(`needs ${CHROMIUM} under CI`, () => {
    expect.fail(`${CHROMIUM} is missing`);
  });

  it.runIf(available)(
    'the SVG opens in Chromium from a file and embedded in HTML: parsed, drawn, titled',
    async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'lambdaport-graph-svg-'));
      const file = path.join(folder, 'graph.svg');
      writeFileSync(file, renderGraphSvg(graph));
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      try {
        const page = await browser.newPage();
        await page.goto(`file://${file}`);
        // parsed as XML (an error would show as a parsererror element), drawn with a size, every title there
        await expect(page.locator('parsererror').count()).resolves.toBe(0);
        await expect(page.locator('g.edge').count()).resolves.toBe(6);
        expect(await page.locator('title').count()).toBeGreaterThan(10);
        const box = await page.locator('svg').first().boundingBox();
        expect(box?.width).toBeGreaterThan(300);
        expect(box?.height).toBeGreaterThan(100);
        // embedded in an HTML page as the docs embed it
        const html = await browser.newPage();
        await html.setContent(`<!doctype html><html><body>${renderGraphSvg(graph)}</body></html>`);
        await expect(html.locator('body > svg g.edge').count()).resolves.toBe(6);
        expect((await html.locator('body > svg').boundingBox())?.width).toBeGreaterThan(300);
        const shots = path.join(REPO, 'test-results', 'graph');
        mkdirSync(shots, { recursive: true });
        await html.setViewportSize({ width: 1200, height: 900 });
        await html.screenshot({ path: path.join(shots, 'graph.png') });
      } finally {
        await browser.close();
        rmSync(folder, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

/** Problems of XML well-formedness: unbalanced tags, unquoted attributes, a bare `&` or `<` in text. */
function wellFormed(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of xml.matchAll(tag)) {
    const text = xml.slice(last, m.index);
    if (/[<>]|&(?!(amp|lt|gt|quot|#\d+);)/.test(text)) problems.push(`bad text before ${m[0]}: ${text.slice(0, 40)}`);
    last = m.index + m[0].length;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      if (stack.pop() !== name) problems.push(`</${name}> closes nothing open`);
    } else if (!selfClosing) {
      stack.push(name!);
    }
  }
  if (xml.slice(last).trim() !== '') problems.push(`text after the root: ${xml.slice(last, last + 40)}`);
  if (stack.length > 0) problems.push(`left open: ${stack.join(', ')}`);
  return problems;
}
