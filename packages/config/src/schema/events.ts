/**
 * The event keys of a config: the service's `events`, and a function's `publishes`, `subscribe` and `queue`. Rules
 * between keys (a `publishes` entry names a key of `events`, a queue's limits against the function's timeout) are
 * in `event-use.ts`; `subscribe` entries naming other services are checked by `loadServices`.
 */
import { CONFIG_DEFAULTS } from 'lambdaport/config';
import { eventNameProblem, friendlyEventProblem, NAME_RULES } from 'lambdaport/names';
import { z } from 'zod';
import { EXPORT_REF_PATTERN } from './names.js';
import { didYouMean, expected, problem, shown, strictObject } from './words.js';

const EVENT_PATTERN = new RegExp(`^${NAME_RULES.eventName.pattern.source.slice(1, -1)}$`);
const SERVICE = NAME_RULES.service.pattern.source.slice(1, -1);
const EVENT = NAME_RULES.eventName.pattern.source.slice(1, -1);

/** A key of `events` (and a `publishes` entry): the event's detail type. */
export const eventName = z.string(problem(eventNameProblem)).regex(EVENT_PATTERN).max(NAME_RULES.eventName.maxLength);

/** `<service>.<Event>`. */
export const friendlyEvent = z
  .string(problem(friendlyEventProblem))
  .regex(new RegExp(`^${SERVICE}\\.${EVENT}$`))
  .refine((value) => friendlyEventProblem(value) === undefined);

const eventConfig = strictObject(
  {
    contract: z
      .string(expected('a contract "path/file.ts#export"'))
      .regex(EXPORT_REF_PATTERN)
      .optional()
      .meta({
        description:
          "The module export holding the event's contract (`defineEvent`): `path/file.ts#export`, the file inside the service dir. Its `source` is the service name and its `detailType` the key. Tools read it for docs; it is not loaded when the config is.",
        examples: ['src/events.ts#OrderCreated'],
      }),
    description: z
      .string(expected('a description of at most 256 characters'))
      .max(256)
      .optional()
      .meta({ description: 'What the event means (at most 256 characters).', examples: ['An order was recorded'] }),
  },
  'an event ({ contract?, description? })',
).meta({ title: 'Event' });

/** The service's `events`. */
export const events = z
  .record(eventName, eventConfig, expected('an object of events ({ OrderCreated: { contract?, description? } })'))
  .meta({
    description:
      "The events the service publishes, keyed by name: the detail type on the wire (PascalCase, at most 64 characters); the source is the service name. They travel on the service's own bus `<stage>-<service>`, created with it. A function lists those it sends in `publishes`.",
    examples: [{ OrderCreated: { contract: 'src/events.ts#OrderCreated', description: 'An order was recorded' } }],
  });

/** A function's `publishes`. */
export const publishes = z
  .array(eventName, expected('an array of event names (keys of the service\'s "events")'))
  .meta({
    description:
      "The events of this service (keys of `events`) the function publishes. It gets `events:PutEvents` on the service's bus only, and the variable `LAMBDAPORT_EVENT_BUS` (the bus name), which `createPublisher` of `lambdaport/events` uses by default.",
    examples: [['OrderCreated']],
  });

/** A JSON object: an EventBridge pattern (the local runtime checks it with the real matcher at start). */
function patternObject(what: string) {
  return z.record(z.string(), z.unknown(), expected(what));
}

const eventSubscription = strictObject(
  {
    event: friendlyEvent.meta({
      description: "`<service>.<Event>`: an event in that service's `events`.",
      examples: ['orders.OrderCreated'],
    }),
    detail: patternObject('a pattern on the detail (a JSON object)')
      .optional()
      .meta({
        description: "An EventBridge pattern on the event's `detail`.",
        examples: [{ total: [{ numeric: ['>', 100] }] }],
      }),
  },
  'a subscription ({ event, detail? })',
).meta({
  title: 'Event subscription',
  description:
    "An event of a service, on that service's bus: the rule's pattern is `{ source: [service], 'detail-type': [Event], detail }`.",
});

const BUS_EXPECTED = 'a bus name (letters, digits, ".", "_", "-" and "/", at most 256 characters)';
const BUS_PATTERN = /^[A-Za-z0-9._/-]{1,256}$/;

const patternSubscription = strictObject(
  {
    pattern: patternObject('an event pattern (a JSON object)').meta({
      description: 'An EventBridge event pattern, checked by the local runtime at start.',
      examples: [{ source: ['aws.s3'] }],
    }),
    bus: z
      .string(expected(BUS_EXPECTED))
      .regex(BUS_PATTERN)
      .optional()
      .meta({ description: 'The bus the rule is on; default `default`.', examples: ['default'] }),
  },
  'a subscription ({ pattern, bus? })',
).meta({ title: 'Pattern subscription', description: 'Any EventBridge pattern, on a named bus.' });

const ENTRY_EXPECTED = 'an event "<service>.<Event>", { event, detail? } or { pattern, bus? }';

/** One `subscribe` entry; an invalid one is named by what it looks like it meant. */
const subscribeEntry = z.union([friendlyEvent, eventSubscription, patternSubscription], {
  error: (issue) => entryMessage(issue.input),
});

/**
 * The message of an entry no form accepts (zod reports the issues of the one form an entry may be when it can tell;
 * when it cannot, it says only that no form fits). Names the key at fault in the form the entry looks like.
 */
function entryMessage(input: unknown): string {
  if (!isObject(input)) return `expected ${ENTRY_EXPECTED}, got ${shown(input)}`;
  if ('event' in input && 'pattern' in input) {
    return 'expected either { event, detail? } or { pattern, bus? }, got both "event" and "pattern"';
  }
  if ('pattern' in input) {
    if (!isObject(input.pattern))
      return `pattern: expected an event pattern (a JSON object), got ${shown(input.pattern)}`;
    if (input.bus !== undefined && !(typeof input.bus === 'string' && BUS_PATTERN.test(input.bus))) {
      return `bus: expected ${BUS_EXPECTED}, got ${shown(input.bus)}`;
    }
  } else if ('event' in input) {
    const problem = friendlyEventProblem(input.event);
    if (problem !== undefined) return `event: ${problem}`;
    if (input.detail !== undefined && !isObject(input.detail)) {
      return `detail: expected a pattern on the detail (a JSON object), got ${shown(input.detail)}`;
    }
  }
  const keys = Object.keys(input).map((key) => `${key}${didYouMean(key, ['event', 'detail', 'pattern', 'bus'])}`);
  return `expected ${ENTRY_EXPECTED}, got an object with ${keys.length === 0 ? 'no keys' : `keys ${keys.join(', ')}`}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A function's `subscribe`. */
export const subscribe = z.array(subscribeEntry, expected(`an array of subscriptions (${ENTRY_EXPECTED})`)).meta({
  description:
    "What the function reacts to, each entry an EventBridge rule: `'<service>.<Event>'` (short for `{ event }`), `{ event, detail? }` (an event of a service, `detail` a pattern on its detail), or `{ pattern, bus? }` (any pattern on a bus, default `default`). Rules are named `<stage>-<service>-<function>-<n>`. An event that a service loaded alongside does not declare is a config error. Only the current major subscribes.",
  examples: [
    ['orders.OrderCreated', { event: 'orders.OrderCreated', detail: { total: [{ numeric: ['>', 100] }] } }],
    [{ pattern: { source: ['aws.s3'] }, bus: 'default' }],
  ],
});

const seconds = (min: number, max: number) =>
  z
    .number(expected(`a whole number of seconds from ${min} to ${max}`))
    .int()
    .min(min)
    .max(max);

/** A function's `queue`. */
export const queue = strictObject(
  {
    batchSize: z
      .number(expected('a whole number from 1 to 10000'))
      .int()
      .min(1)
      .max(10_000)
      .default(CONFIG_DEFAULTS.queueBatchSize)
      .meta({
        description:
          'Messages per invocation (1 to 10,000). Over 10 needs `maximumBatchingWindowInSeconds` of at least 1, as AWS requires.',
        examples: [10],
      }),
    maximumBatchingWindowInSeconds: seconds(0, 300)
      .default(CONFIG_DEFAULTS.queueMaximumBatchingWindowInSeconds)
      .meta({ description: 'Seconds to gather a batch before invoking (0 to 300).', examples: [1] }),
    visibilityTimeout: seconds(0, 43_200)
      .optional()
      .meta({
        description:
          "Seconds a received message stays hidden (0 to 43,200); at least the function's timeout, as AWS requires. Default: 6 × the function's timeout.",
        examples: [36],
      }),
    maxReceiveCount: z
      .number(expected('a whole number from 1 to 1000'))
      .int()
      .min(1)
      .max(1000)
      .default(CONFIG_DEFAULTS.queueMaxReceiveCount)
      .meta({
        description: 'Receives before a message moves to the dead-letter queue (1 to 1,000).',
        examples: [5],
      }),
  },
  'a queue ({ batchSize?, maximumBatchingWindowInSeconds?, visibilityTimeout?, maxReceiveCount? })',
).meta({
  title: 'Queue',
  description:
    'An SQS queue `<stage>-<service>-<function>` in front of the function, with the dead-letter queue `<stage>-<service>-<function>-dlq`: every `subscribe` rule delivers to it, and an event source mapping (with `ReportBatchItemFailures`: only failed messages return) invokes the function with its messages. Allowed without `subscribe` (others may send to it). Only the current major consumes it.',
  examples: [{ batchSize: 10, maxReceiveCount: 5 }],
});
