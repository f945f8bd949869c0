/**
 * Event buses: CreateEventBus, DescribeEventBus, ListEventBuses, DeleteEventBus. The default bus always exists.
 */
import type { EventsContext } from './context.js';
import { EventsError, validationError } from './errors.js';
import { busArn, DEFAULT_BUS } from './model.js';

type Input = Record<string, unknown>;

const BUS_NAME = /^[/.\-_A-Za-z0-9]{1,256}$/;

function nameOf(value: unknown): string {
  if (typeof value !== 'string' || !BUS_NAME.test(value)) {
    throw validationError(value, 'name', 'Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+');
  }
  return value;
}

export async function createEventBus(context: EventsContext, input: Input): Promise<unknown> {
  const name = nameOf(input.Name);
  if (context.store.bus(name) !== undefined) {
    throw new EventsError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
  }
  context.store.addBus(name);
  await context.store.save();
  return { EventBusArn: busArn(context, name) };
}

export function describeEventBus(context: EventsContext, input: Input): unknown {
  const name = input.Name === undefined ? DEFAULT_BUS : nameOf(input.Name);
  if (context.store.bus(name) === undefined) {
    throw new EventsError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
  }
  return { Name: name, Arn: busArn(context, name) };
}

export function listEventBuses(context: EventsContext, input: Input): unknown {
  const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
  return {
    EventBuses: context.store
      .allBuses()
      .filter((bus) => bus.name.startsWith(prefix))
      .map((bus) => ({ Name: bus.name, Arn: busArn(context, bus.name) })),
  };
}

export async function deleteEventBus(context: EventsContext, input: Input): Promise<unknown> {
  const name = nameOf(input.Name);
  if (name === DEFAULT_BUS) throw new EventsError('ValidationException', 'Cannot delete event bus default.');
  const bus = context.store.bus(name);
  if (bus === undefined) return {};
  if (bus.rules.size > 0) {
    throw new EventsError('ValidationException', `Cannot delete event bus ${name}: it still has rules.`);
  }
  context.store.deleteBus(name);
  await context.store.save();
  return {};
}
