/**
 * Fixture services with events: `shop` publishes events (contracts in `src/events.mjs`, some wrong on purpose) from
 * `shop.place`, and `mail` subscribes to them, one function through a queue, one directly, one with a pattern.
 */
import path from 'node:path';
import { type LoadedService, loadServices } from '@lambdaport/config';
import { config, serviceDir } from './service-dir.js';

/** The event contracts of `shop`: `OrderPlaced` right, and the wrong ones each named for its fault. */
export const SHOP_EVENTS = `import { defineEvent, defineFunction } from 'lambdaport';
import { z } from 'zod';
export const OrderPlaced = defineEvent({ source: 'shop', detailType: 'OrderPlaced', version: 2, description: 'An order was placed.', detail: z.object({ orderId: z.string().describe('The order'), total: z.number().min(0) }) });
export const wrongSource = defineEvent({ source: 'store', detailType: 'Refunded', version: 1, description: 'x', detail: z.object({}) });
export const wrongDetailType = defineEvent({ source: 'shop', detailType: 'Refund', version: 1, description: 'x', detail: z.object({}) });
export const dated = defineEvent({ source: 'shop', detailType: 'Dated', version: 1, description: 'x', detail: z.object({ at: z.date() }) });
export const aFunction = defineFunction({ name: 'shop.x', version: 1, description: 'x', input: z.object({}), output: z.object({}) });
`;

/** The `events` of shop's config: name → contract (undefined: none). */
export type EventsLayout = Record<string, string | undefined>;

/**
 * Writes and loads `shop` (publishing `events` from `place`) and `mail` (subscribing).
 *
 * @example
 * const { services, remove } = await eventServices({ OrderPlaced: 'src/events.mjs#OrderPlaced' });
 */
export async function eventServices(
  events: EventsLayout,
  options: { readonly withMail?: boolean } = {},
): Promise<{ services: LoadedService[]; dir: string; remove(): void }> {
  const shopConfig = JSON.parse(config('shop', { place: { publishes: Object.keys(events) }, list: {} })) as Record<
    string,
    unknown
  >;
  shopConfig.events = Object.fromEntries(
    Object.entries(events).map(([name, contract]) => [
      name,
      contract === undefined ? { description: `${name}, no contract` } : { contract, description: `${name} (config)` },
    ]),
  );
  const files: Record<string, string> = {
    'shop/lambdaport.config.json': JSON.stringify(shopConfig, null, 2),
    'shop/src/handlers.mjs': 'export const handler = async () => ({});\n',
    'shop/src/events.mjs': SHOP_EVENTS,
    'shop/src/broken.mjs': 'export const Broken = defineEvent({ source: ;\n',
  };
  if (options.withMail !== false) {
    files['mail/lambdaport.config.json'] = config('mail', {
      send: {
        subscribe: ['shop.OrderPlaced', { event: 'shop.OrderPlaced', detail: { total: [{ numeric: ['>', 100] }] } }],
        queue: { batchSize: 5, maxReceiveCount: 4 },
      },
      audit: { subscribe: ['shop.OrderPlaced', 'billing.Charged'] },
      watch: { subscribe: [{ pattern: { source: ['aws.s3'] } }] },
    });
    files['mail/src/handlers.mjs'] = 'export const handler = async () => ({});\n';
  }
  const made = serviceDir(files);
  try {
    const dirs = ['shop', ...(options.withMail === false ? [] : ['mail'])].map((s) => path.join(made.dir, s));
    return { services: await loadServices(dirs), dir: made.dir, remove: made.remove };
  } catch (error) {
    made.remove();
    throw error;
  }
}
