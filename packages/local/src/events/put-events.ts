/**
 * PutEvents: AWS's limits (1 to 10 entries, 256 KB of entries), each entry checked on its own (a bad entry fails
 * alone, with its `ErrorCode`), each accepted entry wrapped in AWS's envelope, matched against its bus's enabled
 * rules and handed to their targets, durably, before the answer.
 */
import type { EventsContext } from './context.js';
import { type EventEnvelope, envelope } from './envelope.js';
import { EventsError, validationError } from './errors.js';
import { busName } from './model.js';

/** Entries PutEvents takes in one request. */
export const MAX_ENTRIES = 10;
/** Bytes of entries PutEvents takes in one request (256 KB). */
export const MAX_ENTRIES_BYTES = 262_144;

type Input = Record<string, unknown>;
type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/** An entry's size as AWS counts it: UTF-8 bytes of source, detail type, detail and resources; 14 for a time. */
function entrySize(entry: Input): number {
  let size = entry.Time === undefined ? 0 : 14;
  const texts = [
    entry.Source,
    entry.DetailType,
    entry.Detail,
    ...(Array.isArray(entry.Resources) ? entry.Resources : []),
  ];
  for (const text of texts) if (typeof text === 'string') size += Buffer.byteLength(text, 'utf8');
  return size;
}

function failed(code: string, message: string): EntryResult {
  return { ErrorCode: code, ErrorMessage: message };
}

/** The operation. */
export async function putEvents(context: EventsContext, input: Input): Promise<unknown> {
  const entries = input.Entries;
  if (!Array.isArray(entries) || entries.length < 1) {
    throw validationError(entries, 'entries', 'Member must have length greater than or equal to 1');
  }
  if (entries.length > MAX_ENTRIES) {
    throw validationError(
      `[${entries.length} entries]`,
      'entries',
      `Member must have length less than or equal to ${MAX_ENTRIES}`,
    );
  }
  const total = entries.reduce((sum: number, entry) => sum + entrySize((entry ?? {}) as Input), 0);
  if (total > MAX_ENTRIES_BYTES) {
    throw new EventsError(
      'ValidationException',
      `Total size of the entries in the request is over the limit (${total} bytes, at most ${MAX_ENTRIES_BYTES}).`,
    );
  }
  const results = await Promise.all(entries.map((entry) => putEntry(context, (entry ?? {}) as Input)));
  return {
    FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
    Entries: results,
  };
}

async function putEntry(context: EventsContext, entry: Input): Promise<EntryResult> {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    const value = entry[field];
    if (typeof value !== 'string' || value === '') {
      return failed('InvalidArgument', `Parameter ${field} is not valid. Reason: ${field} is a required argument.`);
    }
  }
  const source = entry.Source as string;
  if (source.startsWith('aws.')) {
    return failed('NotAuthorizedForSourceException', `Not authorized for the source ${source}.`);
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail as string);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return failed('MalformedDetail', 'Detail is malformed (it must be a JSON object).');
  }
  const resources = entry.Resources;
  if (resources !== undefined && (!Array.isArray(resources) || !resources.every((r) => typeof r === 'string'))) {
    return failed('InvalidArgument', 'Parameter Resources is not valid. Reason: expected a list of strings.');
  }
  const bus = context.store.bus(busName(entry.EventBusName));
  if (bus === undefined) {
    return failed('ResourceNotFoundException', `Event bus ${busName(entry.EventBusName)} does not exist.`);
  }
  const time = typeof entry.Time === 'number' ? new Date(entry.Time * 1000) : undefined;
  const event = envelope(
    { source, detailType: entry.DetailType as string, detail, resources: resources as string[] | undefined, time },
    context,
  );
  try {
    await deliver(context, bus.name, event);
  } catch (error) {
    return failed('InternalFailure', `The event could not be handed to its targets: ${(error as Error).message}`);
  }
  return { EventId: event.id };
}

/** Hands the event to every target of every enabled rule of the bus that matches it; resolves once all hold it. */
async function deliver(context: EventsContext, bus: string, event: EventEnvelope): Promise<void> {
  const rules = context.store.bus(bus)?.rules.values() ?? [];
  const deliveries: Promise<void>[] = [];
  let body: Buffer | undefined;
  for (const rule of rules) {
    if (rule.state !== 'ENABLED' || rule.matcher === undefined || !rule.matcher(event)) continue;
    for (const target of rule.targets.values()) {
      const destination = context.destinations(target.Arn);
      if (destination === undefined) {
        context.say(
          `events: rule ${rule.name} on ${bus}: target ${target.Id} (${target.Arn}) is nothing this runtime serves; event ${event.id} not delivered to it`,
        );
        continue;
      }
      body ??= Buffer.from(JSON.stringify(event));
      deliveries.push(destination.deliver(target.Input === undefined ? body : Buffer.from(target.Input)));
    }
  }
  await Promise.all(deliveries);
}
