/**
 * `defineConfig`: literal types are kept, and a misspelt key anywhere in the config is a compile error (issue 15,
 * finding 4: the `const` type parameter used to turn off TypeScript's excess-property check). The `@ts-expect-error`
 * lines fail `npm test`'s type-check if the error they expect goes away.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { CONFIG_DEFAULTS, defineConfig } from '../src/config.js';

describe('defineConfig', () => {
  it('returns the config as given, with its literal types', () => {
    const config = defineConfig({
      service: 'records',
      functions: {
        get: {
          handler: 'src/handlers.ts#handler',
          timeout: 9,
          runtime: 'nodejs22.x',
          environment: { TABLE: { table: 'records' }, GETTER: { function: 'records.get' }, PLAIN: 'x' },
          tables: { records: 'read' },
          calls: ['orders.create@v2'],
          version: 2,
          versions: { 1: { handler: 'src/v1.ts#handler' } },
        },
      },
      tables: { records: { partitionKey: { name: 'id', type: 'S' } } },
    });

    expect(config.functions.get.timeout).toBe(9);
    expectTypeOf(config.service).toEqualTypeOf<'records'>();
    expectTypeOf(config.functions.get.timeout).toEqualTypeOf<9>();
    expectTypeOf(config.functions.get.tables.records).toEqualTypeOf<'read'>();
    expect(CONFIG_DEFAULTS.timeout).toBe(3);
  });

  it('takes events, publishes, subscribe (all three forms, patterns of any depth) and queue', () => {
    const config = defineConfig({
      service: 'notifications',
      events: { Notified: { contract: 'src/events.ts#Notified', description: 'A notice went out' } },
      functions: {
        notify: {
          handler: 'src/handlers.ts#notify',
          publishes: ['Notified'],
          subscribe: [
            'orders.OrderCreated',
            { event: 'orders.OrderCreated', detail: { total: [{ numeric: ['>', 100] }] } },
            { pattern: { source: ['aws.s3'], $or: [{ detail: { a: [1] } }, { detail: { b: [2] } }] }, bus: 'default' },
          ],
          queue: { batchSize: 10, maximumBatchingWindowInSeconds: 0, visibilityTimeout: 36, maxReceiveCount: 5 },
        },
      },
    });

    expect(config.functions.notify.subscribe).toHaveLength(3);
    expectTypeOf(config.functions.notify.queue.batchSize).toEqualTypeOf<10>();
    const typos = [
      // @ts-expect-error `batchsize` is not a key of a queue
      defineConfig({ service: 'x', functions: { f: { handler: 'a.ts#h', queue: { batchsize: 1 } } } }),
      // @ts-expect-error `descripton` is not a key of an event
      defineConfig({ service: 'x', events: { E: { descripton: 'x' } }, functions: {} }),
      // @ts-expect-error `buss` is not a key of a subscription
      defineConfig({ service: 'x', functions: { f: { handler: 'a.ts#h', subscribe: [{ pattern: {}, buss: 'b' }] } } }),
    ];
    expect(typos).toHaveLength(3);
  });

  it('refuses misspelt keys at every level, at compile time', () => {
    const typos = [
      // @ts-expect-error `tiemout` is not a key of a function
      defineConfig({ service: 'x', functions: { get: { handler: 'a.ts#h', tiemout: 9 } } }),
      // @ts-expect-error `servise` is not a key of the config
      defineConfig({ servise: 'x', service: 'x', functions: {} }),
      // @ts-expect-error `tabel` is not a key of a table reference
      defineConfig({ service: 'x', functions: { get: { handler: 'a.ts#h', environment: { T: { tabel: 'x' } } } } }),
      // @ts-expect-error `handlr` is not a key of an older major
      defineConfig({ service: 'x', functions: { get: { handler: 'a.ts#h', versions: { 1: { handlr: 'b.ts#h' } } } } }),
      // @ts-expect-error `autType` is not a key of a Function URL
      defineConfig({ service: 'x', functions: { get: { handler: 'a.ts#h', url: { autType: 'NONE' } } } }),
      defineConfig({
        service: 'x',
        functions: {},
        // @ts-expect-error `sortkey` is not a key of a table
        tables: { t: { partitionKey: { name: 'id', type: 'S' }, sortkey: 1 } },
      }),
      // @ts-expect-error `write` is not an access level
      defineConfig({ service: 'x', functions: { get: { handler: 'a.ts#h', tables: { t: 'write' } } } }),
      // @ts-expect-error a timeout is a number
      defineConfig({ service: 'x', functions: { get: { handler: 'a.ts#h', timeout: '3s' } } }),
    ];

    expect(typos).toHaveLength(8);
  });
});
