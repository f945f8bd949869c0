/**
 * `createPublisher(event)`: validates details with the event's contract and sends them with PutEvents, within its
 * limits, reporting each entry that failed.
 */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { InvalidRequestError, type Issue } from '../errors.js';
import type { AnyEventContract, EventDetailInput } from '../event.js';
import { isEventContract } from '../event.js';
import { validate } from '../internal/schema.js';
import { EVENT_BUS_VARIABLE } from '../names.js';
import { batches, entrySize, PUT_EVENTS_MAX_BYTES } from './batches.js';
import { type FailedEntry, PublishError, type PublishedEntry } from './publish-error.js';

/** Options of {@link createPublisher}. */
export interface PublisherOptions {
  /**
   * The bus: a name or an ARN. Default: `LAMBDAPORT_EVENT_BUS` as the environment holds it when the publisher is
   * created (lambdaport sets it, to `<stage>-<service>`, for a function whose config lists `publishes`), else the
   * account's `default` bus.
   */
  readonly bus?: string;
  /** The client to send with. Default: one per process, from the environment (region, credentials, endpoint). */
  readonly client?: EventBridgeClient;
}

/** What one published event may add besides its detail. */
export interface PublishOptions {
  /** ARNs the event is about (the envelope's `resources`). */
  readonly resources?: readonly string[];
}

/** Publishes one event contract's events. */
export interface Publisher<E extends AnyEventContract> {
  readonly event: E;
  /** Validates and sends one event; resolves with its event id. */
  publish(detail: EventDetailInput<E>, options?: PublishOptions): Promise<string>;
  /**
   * Validates every detail first (none is sent if one is invalid), then sends them in batches of at most 10 entries
   * and 256 KB. Resolves with the event ids in order; when some entries failed, rejects with a {@link PublishError}
   * naming each (the others were published).
   */
  publishAll(details: readonly EventDetailInput<E>[], options?: PublishOptions): Promise<string[]>;
}

let shared: EventBridgeClient | undefined;

/**
 * Makes a publisher of an event contract. Its bus is `options.bus`, else the environment's `LAMBDAPORT_EVENT_BUS`
 * read now (in a function that `publishes` the event: its service's bus), else the `default` bus.
 *
 * @example
 * const orderCreated = createPublisher(OrderCreated); // in orders.create: the bus dev-orders
 * await orderCreated.publish({ orderId: 'o-1', total: 12 });
 */
export function createPublisher<E extends AnyEventContract>(event: E, options: PublisherOptions = {}): Publisher<E> {
  if (!isEventContract(event)) throw new TypeError('createPublisher: expected an event contract made by defineEvent');
  const what = `${event.source}/${event.detailType}`;
  const bus = options.bus ?? (process.env[EVENT_BUS_VARIABLE] || undefined);
  const client = (): EventBridgeClient => {
    if (options.client !== undefined) return options.client;
    shared ??= new EventBridgeClient({});
    return shared;
  };

  async function toEntries(details: readonly unknown[], extra: PublishOptions): Promise<PutEventsRequestEntry[]> {
    const issues: Issue[] = [];
    const entries: PutEventsRequestEntry[] = [];
    for (const [i, detail] of details.entries()) {
      const checked = await validate(event.detail, detail);
      const at = details.length === 1 ? '' : `[${i}]`;
      if (!checked.ok) {
        for (const issue of checked.issues) {
          const path = at === '' || issue.path === '' ? `${at}${issue.path}` : `${at}.${issue.path}`;
          issues.push({ path, message: issue.message });
        }
        continue;
      }
      const entry: PutEventsRequestEntry = {
        Source: event.source,
        DetailType: event.detailType,
        Detail: JSON.stringify(detail),
        ...(extra.resources === undefined ? {} : { Resources: [...extra.resources] }),
        ...(bus === undefined ? {} : { EventBusName: bus }),
      };
      const size = entrySize(entry);
      if (size > PUT_EVENTS_MAX_BYTES) {
        issues.push({ path: at, message: `the event is ${size} bytes, over PutEvents' ${PUT_EVENTS_MAX_BYTES}` });
      }
      entries.push(entry);
    }
    if (issues.length > 0) throw new InvalidRequestError(issues);
    return entries;
  }

  async function send(entries: PutEventsRequestEntry[]): Promise<string[]> {
    const failed: FailedEntry[] = [];
    const published: PublishedEntry[] = [];
    let index = 0;
    for (const batch of batches(entries)) {
      const first = index;
      index += batch.length;
      try {
        const answer = await client().send(new PutEventsCommand({ Entries: batch }));
        batch.forEach((_, j) => {
          const result = answer.Entries?.[j];
          if (result?.EventId !== undefined && result.ErrorCode === undefined) {
            published.push({ index: first + j, eventId: result.EventId });
          } else {
            failed.push({
              index: first + j,
              errorCode: result?.ErrorCode ?? 'MissingEntry',
              errorMessage: result?.ErrorMessage ?? 'PutEvents answered no result for this entry',
            });
          }
        });
      } catch (error) {
        const name = error instanceof Error ? error.name : 'Error';
        const message = error instanceof Error ? error.message : String(error);
        for (let j = 0; j < batch.length; j++)
          failed.push({ index: first + j, errorCode: name, errorMessage: message });
      }
    }
    if (failed.length > 0) throw new PublishError(what, failed, published);
    return published.map((entry) => entry.eventId);
  }

  return {
    event,
    async publish(detail, extra = {}) {
      const ids = await send(await toEntries([detail], extra));
      return ids[0] as string;
    },
    async publishAll(details, extra = {}) {
      if (details.length === 0) return [];
      return send(await toEntries(details, extra));
    },
  };
}
