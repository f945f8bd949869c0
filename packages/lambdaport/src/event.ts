/**
 * Event contracts: what a publisher sends and its subscribers receive through EventBridge, shared as a value like a
 * function's contract (`defineFunction`).
 */
import { checkKeys } from './contract.js';
import { isStandardSchema } from './internal/schema.js';
import { majorVersionProblem } from './names.js';
import type { AnySchema, InferInput, InferOutput } from './schema.js';

/** What `defineEvent` takes. */
export interface EventDefinition<Source extends string, DetailType extends string, Detail extends AnySchema> {
  /** The event's `source` on the bus (the publishing service, such as `orders`); `aws.` sources are AWS's own. */
  source: Source;
  /** The event's `detail-type` (such as `OrderCreated`). */
  detailType: DetailType;
  /**
   * Major version of the event's detail, for the docs and the breaking-change gate. It does not travel: a breaking
   * change to a published event is a new event (a new `detailType`), since subscribers' rules match the detail type.
   */
  version: number;
  description: string;
  /** The schema of `detail` (Standard Schema: zod 4, valibot, ...). */
  detail: Detail;
}

/** An event contract: a value shared by the publisher and the subscribers. */
export interface EventContract<
  Source extends string = string,
  DetailType extends string = string,
  Detail extends AnySchema = AnySchema,
> {
  readonly kind: 'lambdaport.event';
  readonly source: Source;
  readonly detailType: DetailType;
  readonly version: number;
  readonly description: string;
  readonly detail: Detail;
}

// biome-ignore lint/suspicious/noExplicitAny: the widest event contract, used only as a generic bound.
export type AnyEventContract = EventContract<string, string, any>;
/** The detail a publisher passes (before the schema's transforms). */
export type EventDetailInput<E extends AnyEventContract> = InferInput<E['detail']>;
/** The detail a subscriber's logic receives (after validation). */
export type EventDetail<E extends AnyEventContract> = InferOutput<E['detail']>;

/**
 * Declares an event's contract. Checks its argument and drives inference.
 *
 * @example
 * export const OrderCreated = defineEvent({
 *   source: 'orders', detailType: 'OrderCreated', version: 1, description: 'An order was recorded.',
 *   detail: z.object({ orderId: z.string(), total: z.number() }),
 * });
 */
export function defineEvent<const Source extends string, const DetailType extends string, Detail extends AnySchema>(
  definition: EventDefinition<Source, DetailType, Detail>,
): EventContract<Source, DetailType, Detail> {
  if (typeof definition !== 'object' || definition === null) throw new TypeError('defineEvent: expected an object');
  const where = `defineEvent(${JSON.stringify(`${String(definition.source)}/${String(definition.detailType)}`)})`;
  const bad = (problem: string): never => {
    throw new TypeError(`${where}: ${problem}`);
  };
  checkKeys(where, definition, ['source', 'detailType', 'version', 'description', 'detail']);
  for (const key of ['source', 'detailType'] as const) {
    const value = definition[key];
    if (typeof value !== 'string' || value === '' || value.trim() !== value) {
      bad(`${key} must be a non-empty string without spaces around it`);
    }
  }
  if (definition.source.startsWith('aws.')) bad('source must not start with "aws." (those are AWS services\' events)');
  const versionProblem = majorVersionProblem(definition.version);
  if (versionProblem !== undefined) bad(`version: ${versionProblem}`);
  if (typeof definition.description !== 'string' || definition.description.trim() === '') {
    bad('description must be a non-empty string');
  }
  if (!isStandardSchema(definition.detail)) bad('detail must be a Standard Schema (zod 4, valibot, ...)');
  return Object.freeze({
    kind: 'lambdaport.event',
    source: definition.source,
    detailType: definition.detailType,
    version: definition.version,
    description: definition.description,
    detail: definition.detail,
  });
}

/**
 * True when `value` is an event contract (made by `defineEvent`, in this copy of lambdaport or another).
 *
 * @example
 * if (isEventContract(exported)) console.log(exported.detailType);
 */
export function isEventContract(value: unknown): value is AnyEventContract {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'lambdaport.event' &&
    typeof (value as { source?: unknown }).source === 'string' &&
    typeof (value as { detailType?: unknown }).detailType === 'string'
  );
}
