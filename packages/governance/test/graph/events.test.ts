/**
 * Events in the call graph: nodes of their own in their publisher's box, publish and subscribe edges of their own
 * (never counted by the flags), drawn apart from calls in Mermaid, DOT and SVG. And the examples: orders.create →
 * orders.OrderCreated → notifications.notify.
 */
import path from 'node:path';
import { loadServices } from '@lambdaport/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildGraph,
  loadContracts,
  renderGraphDot,
  renderGraphMermaid,
  renderGraphSvg,
  type ServiceGraph,
} from '../../src/index.js';
import { eventServices } from '../support/event-services.js';

const REPO = path.resolve(import.meta.dirname, '../../../..');

describe('buildGraph: events', () => {
  let graph: ServiceGraph;
  let remove: () => void;

  beforeAll(async () => {
    const made = await eventServices({ OrderPlaced: 'src/events.mjs#OrderPlaced', Quiet: undefined });
    remove = made.remove;
    graph = buildGraph(made.services);
  });
  afterAll(() => remove());

  it('has each event in its publisher box, an event of a service not given in an external one', () => {
    expect(graph.services.map((s) => [s.name, s.external, s.events.map((e) => e.label)])).toEqual([
      ['shop', false, ['shop.OrderPlaced', 'shop.Quiet']],
      ['mail', false, []],
      ['billing', true, ['billing.Charged']],
    ]);
  });

  it('has publish edges, then subscribe edges (one per event and function), a pattern being no edge', () => {
    expect(graph.eventEdges.map((e) => `${e.id} ${e.kind} ${e.queue ?? '-'} ${e.declared}`)).toEqual([
      'shop.place->shop.OrderPlaced publish - functions.place.publishes[0]',
      'shop.place->shop.Quiet publish - functions.place.publishes[1]',
      'shop.OrderPlaced->mail.send subscribe dev-mail-send functions.send.subscribe[0]',
      'shop.OrderPlaced->mail.audit subscribe - functions.audit.subscribe[0]',
      'billing.Charged->mail.audit subscribe - functions.audit.subscribe[1]',
    ]);
    expect(graph.edges).toEqual([]);
    expect(graph.flags).toEqual([]);
  });

  it('as Mermaid: events as hexagons, event edges thick and purple, after the calls', () => {
    const text = renderGraphMermaid(graph);
    expect(text).toContain('e0{{"OrderPlaced (event)"}}');
    expect(text).toMatch(/f0 ==>\|"publishes"\| e0/);
    expect(text).toMatch(/e0 ==>\|"subscribes via queue"\| f\d/);
    expect(text).toMatch(/e0 ==>\|"subscribes"\| f\d/);
    expect(text).toContain('linkStyle 0 stroke:#7a3e9d,stroke-width:2px');
    expect(text).toContain('linkStyle 4 stroke:#7a3e9d,stroke-width:2px');
    expect(text).toContain('class e0,e1,e2 event');
  });

  it('as DOT: events as hexagons in their cluster, event edges bold and purple with open arrows', () => {
    const text = renderGraphDot(graph);
    expect(text).toContain('"event:shop.OrderPlaced" [label="OrderPlaced\\nevent", shape=hexagon');
    expect(text).toContain(
      '"shop.place" -> "event:shop.OrderPlaced" [label="publishes", tooltip="shop.place publishes shop.OrderPlaced, declared at functions.place.publishes[0]", style=bold, color="#7a3e9d"',
    );
    expect(text).toContain('"event:shop.OrderPlaced" -> "mail.send" [label="subscribes via queue"');
    expect(text).toContain('arrowhead=empty');
  });

  it('as SVG: an event row per event, event edges dash-dotted and purple with their titles, in the legend', () => {
    const svg = renderGraphSvg(graph);
    expect(svg).toContain('<g class="event" data-event="shop.OrderPlaced">');
    expect(svg).toContain('<title>event shop.OrderPlaced: source shop, detail type OrderPlaced</title>');
    expect(svg).toContain('<g class="edge edge-event edge-subscribe" data-edge="shop.OrderPlaced-&gt;mail.send">');
    expect(svg).toContain(
      '<title>mail.send subscribes to shop.OrderPlaced through the queue dev-mail-send, declared at functions.send.subscribe[0]</title>',
    );
    expect(svg).toMatch(
      /stroke="#7a3e9d" stroke-width="2" stroke-dasharray="9 3 2 3" marker-end="url\(#arrow-event\)"/,
    );
    expect(svg).toContain('event published / subscribed to');
    expect(svg).toContain('<title id="graph-title">Call graph: 3 services, 0 calls, 3 events, 0 flags</title>');
  });
});

describe('buildGraph: the examples with notifications', () => {
  it('draws orders.create → orders.OrderCreated → notifications.notify through its queue, and no flag', async () => {
    const services = await loadServices(
      ['records', 'orders', 'notifications'].map((s) => path.join(REPO, 'examples', s)),
    );
    const { contracts } = await loadContracts(services);
    const graph = buildGraph(services, { contracts });

    expect(graph.eventEdges.map((e) => `${e.id} ${e.kind} ${e.queue ?? '-'}`)).toEqual([
      'orders.create->orders.OrderCreated publish -',
      'orders.OrderCreated->notifications.notify subscribe dev-notifications-notify',
    ]);
    expect(graph.services.find((s) => s.name === 'orders')!.events.map((e) => e.label)).toEqual([
      'orders.OrderCreated',
    ]);
    expect(graph.flags).toEqual([]);
  });
});
