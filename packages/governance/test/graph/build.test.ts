/**
 * The graph of services from their configs, contracts and observed calls; and its flags on purpose-built fixtures:
 * a cycle of three services, a chain of four hops, fan-in and fan-out, a non-idempotent function called across
 * services, an undeclared observed call, a declared call never observed. And the examples: no flag.
 */
import path from 'node:path';
import { loadServices } from '@lambdaport/config';
import { afterEach, describe, expect, it } from 'vitest';
import { buildGraph, type GraphFlag, loadContracts } from '../../src/index.js';
import { type FixtureFunction, graphServices } from '../support/graph-services.js';

const REPO = path.resolve(import.meta.dirname, '../../../..');
const made: { remove(): void }[] = [];
afterEach(() => {
  for (const m of made.splice(0)) m.remove();
});

async function fixture(layout: Record<string, Record<string, FixtureFunction>>) {
  const loaded = await graphServices(layout);
  made.push(loaded);
  return loaded;
}

const kinds = (flags: readonly GraphFlag[]) => flags.map((f) => `${f.kind}: ${f.subject}`);

describe('buildGraph on the examples', () => {
  it('draws records and orders with their declared calls, idempotency from the contracts, and no flag', async () => {
    const services = await loadServices([path.join(REPO, 'examples/records'), path.join(REPO, 'examples/orders')]);
    const { contracts } = await loadContracts(services);
    const graph = buildGraph(services, { contracts });

    expect(graph.services.map((s) => `${s.name}: ${s.functions.map((f) => f.function).join(' ')}`)).toEqual([
      'records: get getUrl',
      'orders: create record get',
    ]);
    expect(graph.services[1]!.functions[0]).toMatchObject({ label: 'orders.create', majors: [1], idempotent: false });
    expect(graph.edges.map((e) => `${e.id} ${e.kind} ${e.declared}`)).toEqual([
      'orders.create->records.get@v1 call records.get@v1',
      'orders.create->orders.record@v1 call orders.record',
    ]);
    expect(graph.observed).toBe(false);
    expect(graph.edges[0]!.observed).toBeUndefined();
    expect(graph.flags).toEqual([]);
  });
});

describe('buildGraph with observed calls', () => {
  it('counts them on the declared edges, makes an Event-only edge a send, and notes the unused ones', async () => {
    const { services } = await fixture({
      a: { f: { calls: ['b.g', 'b.h', 'c.k'] } },
      b: { g: {}, h: {} },
      c: { k: {} },
    });
    const name = (service: string, fn: string) =>
      services.find((s) => s.service === service)!.functions.find((f) => f.name === fn)!.deployedName;
    const graph = buildGraph(services, {
      observed: [
        { caller: name('a', 'f'), function: name('b', 'g'), invocationType: 'RequestResponse', count: 3 },
        { caller: name('a', 'f'), function: name('b', 'h'), invocationType: 'Event', count: 2 },
        { caller: undefined, function: name('a', 'f'), invocationType: 'RequestResponse', count: 9 },
        { caller: 'dev-elsewhere-x-123456', function: name('c', 'k'), invocationType: 'RequestResponse', count: 1 },
        { caller: name('b', 'g'), function: name('c', 'k'), invocationType: 'RequestResponse', count: 4 },
      ],
    });

    expect(graph.edges.map((e) => [e.id, e.kind, e.declared, e.observed])).toEqual([
      ['a.f->b.g@v1', 'call', 'b.g', { requestResponse: 3, event: 0 }],
      ['a.f->b.h@v1', 'send', 'b.h', { requestResponse: 0, event: 2 }],
      ['a.f->c.k@v1', 'call', 'c.k', { requestResponse: 0, event: 0 }],
      ['b.g->c.k@v1', 'call', undefined, { requestResponse: 4, event: 0 }],
    ]);
    expect(graph.unused).toEqual(['a.f->c.k@v1']);
    expect(kinds(graph.flags)).toEqual([
      'undeclared-call: b.g called c.k (major 1), which its config does not declare',
    ]);
    expect(graph.flags[0]!.explanation).toContain("Add 'c.k' to functions.g.calls of b");
  });

  it('a callee outside the services given is drawn as an external service', async () => {
    const { services } = await fixture({ a: { f: { calls: ['billing.charge'] } } });
    const graph = buildGraph(services);

    expect(graph.services.map((s) => [s.name, s.external, s.functions.map((f) => f.label)])).toEqual([
      ['a', false, ['a.f']],
      ['billing', true, ['billing.charge']],
    ]);
    expect(graph.edges.map((e) => e.id)).toEqual(['a.f->billing.charge']);
  });
});

describe('the flags', () => {
  it('a cycle of three services through synchronous calls', async () => {
    const { services } = await fixture({
      a: { f: { calls: ['b.g'] } },
      b: { g: { calls: ['c.h'] } },
      c: { h: { calls: ['a.f'] } },
    });
    const graph = buildGraph(services);

    expect(kinds(graph.flags)).toEqual(['cycle: a → b → c → a']);
    expect(graph.flags[0]!.explanation).toContain('distributed monolith');
    expect(graph.flags[0]!.edges).toEqual(['a.f->b.g@v1', 'b.g->c.h@v1', 'c.h->a.f@v1']);
  });

  it('no cycle when one direction is asynchronous (observed as Events only)', async () => {
    const { services } = await fixture({ a: { f: { calls: ['b.g'] } }, b: { g: { calls: ['a.f'] } } });
    const deployed = (s: number) => services[s]!.functions[0]!.deployedName;
    const graph = buildGraph(services, {
      observed: [
        { caller: deployed(0), function: deployed(1), invocationType: 'RequestResponse', count: 1 },
        { caller: deployed(1), function: deployed(0), invocationType: 'Event', count: 1 },
      ],
    });

    expect(graph.flags).toEqual([]);
  });

  it('a chain of four hops (deeper than three), flagged once', async () => {
    const { services } = await fixture({
      a: { f: { calls: ['b.f'] } },
      b: { f: { calls: ['c.f'] } },
      c: { f: { calls: ['d.f'] } },
      d: { f: { calls: ['e.f'] } },
      e: { f: {} },
    });
    const graph = buildGraph(services);

    expect(kinds(graph.flags)).toEqual(['deep-chain: a.f → b.f → c.f → d.f → e.f']);
    expect(graph.flags[0]!.explanation).toContain('4 synchronous calls (more than 3)');
    expect(buildGraph(services, { limits: { maxDepth: 4 } }).flags).toEqual([]);
  });

  it('three hops are not flagged', async () => {
    const { services } = await fixture({
      a: { f: { calls: ['b.f'] } },
      b: { f: { calls: ['c.f'] } },
      c: { f: { calls: ['d.f'] } },
      d: { f: {} },
    });

    expect(buildGraph(services).flags).toEqual([]);
  });

  it('fan-out and fan-in beyond --max-fan (counted in services)', async () => {
    const { services } = await fixture({
      hub: { f: { calls: ['s1.f', 's2.f', 's3.f'] } },
      s1: { f: { calls: ['sink.f'] } },
      s2: { f: { calls: ['sink.f'] } },
      s3: { f: { calls: ['sink.f'] } },
      sink: { f: {} },
    });
    const graph = buildGraph(services, { limits: { maxFan: 2 } });

    expect(kinds(graph.flags)).toEqual([
      'fan-in: sink is called synchronously by 3 services (s1, s2, s3)',
      'fan-out: hub calls 3 services synchronously (s1, s2, s3)',
    ]);
    expect(buildGraph(services).flags).toEqual([]); // the default limit is 5
  });

  it('a non-idempotent function called synchronously from another service', async () => {
    const { services, contracts } = await fixture({
      shop: { checkout: { calls: ['billing.charge', 'shop.log'], idempotent: true }, log: { idempotent: false } },
      billing: { charge: { idempotent: false } },
    });
    const graph = buildGraph(services, { contracts });

    // shop.log is a mutation too, but called within its own service
    expect(kinds(graph.flags)).toEqual([
      'sync-mutation: shop.checkout calls billing.charge synchronously, and billing.charge is not idempotent',
    ]);
    expect(graph.flags[0]!.explanation).toContain('Send it as an event');
  });
});
