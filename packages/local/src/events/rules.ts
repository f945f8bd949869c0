/**
 * Rules and their targets: PutRule, DescribeRule, ListRules, DeleteRule, PutTargets, ListTargetsByRule,
 * RemoveTargets, and TestEventPattern (the same matcher rules use).
 */
import type { EventsContext } from './context.js';
import { EventsError, validationError } from './errors.js';
import { type Bus, busName, type Rule, ruleArn, type Target } from './model.js';
import { compilePattern, type EventMatcher, InvalidEventPatternError } from './pattern/index.js';

type Input = Record<string, unknown>;

const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const TARGET_ID = /^[.\-_A-Za-z0-9]{1,64}$/;
/** Targets PutTargets takes in one request (and a rule holds at most). */
const MAX_TARGETS = 5;

function busOf(context: EventsContext, input: Input): Bus {
  const name = busName(input.EventBusName);
  const bus = context.store.bus(name);
  if (bus === undefined) throw new EventsError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
  return bus;
}

function ruleName(value: unknown, member = 'name'): string {
  if (typeof value !== 'string' || !RULE_NAME.test(value)) {
    throw validationError(
      value,
      member,
      'Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+ (1 to 64)',
    );
  }
  return value;
}

function ruleOf(context: EventsContext, input: Input, member = 'Rule'): { bus: Bus; rule: Rule } {
  const bus = busOf(context, input);
  const name = ruleName(input[member], member.toLowerCase());
  const rule = bus.rules.get(name);
  if (rule === undefined) {
    throw new EventsError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${bus.name}.`);
  }
  return { bus, rule };
}

/** Compiles a pattern, turning its fault into the API's InvalidEventPatternException. */
export function patternOf(value: unknown): EventMatcher {
  if (typeof value !== 'string') throw new EventsError('InvalidEventPatternException', 'Event pattern is not valid.');
  try {
    return compilePattern(value);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) throw new EventsError('InvalidEventPatternException', error.message);
    throw error;
  }
}

export async function putRule(context: EventsContext, input: Input): Promise<unknown> {
  const bus = busOf(context, input);
  const name = ruleName(input.Name);
  if (input.ScheduleExpression !== undefined) {
    throw new EventsError(
      'ValidationException',
      'ScheduleExpression: scheduled rules are not run by the local runtime.',
    );
  }
  if (input.EventPattern === undefined) {
    throw new EventsError('ValidationException', 'Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  const matcher = patternOf(input.EventPattern);
  const state = input.State ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') {
    throw validationError(state, 'state', 'Member must satisfy enum value set: [ENABLED, DISABLED]');
  }
  const description = typeof input.Description === 'string' ? input.Description : undefined;
  const existing = bus.rules.get(name);
  bus.rules.set(name, {
    name,
    bus: bus.name,
    eventPattern: input.EventPattern as string,
    state,
    description,
    matcher,
    targets: existing?.targets ?? new Map(),
  });
  await context.store.save();
  return { RuleArn: ruleArn(context, bus.name, name) };
}

function describe(context: EventsContext, rule: Rule): Record<string, unknown> {
  return {
    Name: rule.name,
    Arn: ruleArn(context, rule.bus, rule.name),
    EventPattern: rule.eventPattern,
    State: rule.state,
    Description: rule.description,
    EventBusName: rule.bus,
    CreatedBy: context.accountId,
  };
}

export function describeRule(context: EventsContext, input: Input): unknown {
  return describe(context, ruleOf(context, input, 'Name').rule);
}

export function listRules(context: EventsContext, input: Input): unknown {
  const bus = busOf(context, input);
  const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
  const rules = [...bus.rules.values()]
    .filter((rule) => rule.name.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((rule) => describe(context, rule));
  return page(rules, input, 'Rules');
}

/** `Limit` and `NextToken` (the index of the next item). */
function page(items: unknown[], input: Input, key: string): unknown {
  const start = typeof input.NextToken === 'string' ? Number(input.NextToken) : 0;
  if (!Number.isInteger(start) || start < 0)
    throw new EventsError('ValidationException', 'The NextToken is not valid.');
  const limit = typeof input.Limit === 'number' && input.Limit > 0 ? input.Limit : 100;
  const slice = items.slice(start, start + limit);
  const next = start + limit < items.length ? String(start + limit) : undefined;
  return next === undefined ? { [key]: slice } : { [key]: slice, NextToken: next };
}

export async function deleteRule(context: EventsContext, input: Input): Promise<unknown> {
  const bus = busOf(context, input);
  const name = ruleName(input.Name);
  const rule = bus.rules.get(name);
  if (rule === undefined) return {};
  if (rule.targets.size > 0)
    throw new EventsError('ValidationException', "Rule can't be deleted since it has targets.");
  bus.rules.delete(name);
  await context.store.save();
  return {};
}

export async function putTargets(context: EventsContext, input: Input): Promise<unknown> {
  const { rule } = ruleOf(context, input);
  const targets = input.Targets;
  if (!Array.isArray(targets) || targets.length < 1 || targets.length > MAX_TARGETS) {
    throw validationError(
      Array.isArray(targets) ? `[${targets.length} targets]` : targets,
      'targets',
      `Member must have length between 1 and ${MAX_TARGETS}`,
    );
  }
  const failed: { TargetId: unknown; ErrorCode: string; ErrorMessage: string }[] = [];
  for (const raw of targets as Input[]) {
    const id = raw?.Id;
    const problem = targetProblem(raw);
    if (problem !== undefined) {
      failed.push({ TargetId: id, ErrorCode: 'ValidationException', ErrorMessage: problem });
      continue;
    }
    if (!rule.targets.has(id as string) && rule.targets.size >= MAX_TARGETS) {
      failed.push({
        TargetId: id,
        ErrorCode: 'LimitExceededException',
        ErrorMessage: `The requested resource exceeds the maximum number allowed (${MAX_TARGETS} targets per rule).`,
      });
      continue;
    }
    const target: Target = { Id: id as string, Arn: raw.Arn as string, Input: raw.Input as string | undefined };
    rule.targets.set(target.Id, target);
  }
  await context.store.save();
  return { FailedEntryCount: failed.length, FailedEntries: failed };
}

function targetProblem(target: Input | undefined): string | undefined {
  if (typeof target?.Id !== 'string' || !TARGET_ID.test(target.Id)) {
    return 'Target Id must be 1 to 64 characters of [.-_A-Za-z0-9].';
  }
  if (typeof target.Arn !== 'string' || !target.Arn.startsWith('arn:'))
    return `Target ${target.Id}: Arn is not an ARN.`;
  if (target.Input !== undefined) {
    if (typeof target.Input !== 'string' || !isJson(target.Input))
      return `Target ${target.Id}: Input is not valid JSON.`;
  }
  for (const unsupported of ['InputPath', 'InputTransformer', 'SqsParameters', 'RetryPolicy', 'DeadLetterConfig']) {
    if (target[unsupported] !== undefined) {
      return `Target ${target.Id}: ${unsupported} is not supported by the local runtime yet.`;
    }
  }
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function listTargetsByRule(context: EventsContext, input: Input): unknown {
  const { rule } = ruleOf(context, input);
  return page([...rule.targets.values()], input, 'Targets');
}

export async function removeTargets(context: EventsContext, input: Input): Promise<unknown> {
  const { rule } = ruleOf(context, input);
  const ids = input.Ids;
  if (!Array.isArray(ids) || ids.length < 1 || !ids.every((id) => typeof id === 'string')) {
    throw validationError(ids, 'ids', 'Member must have length greater than or equal to 1');
  }
  for (const id of ids as string[]) rule.targets.delete(id);
  await context.store.save();
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function testEventPattern(_context: EventsContext, input: Input): unknown {
  const matcher = patternOf(input.EventPattern);
  let event: unknown;
  try {
    event = typeof input.Event === 'string' ? JSON.parse(input.Event) : undefined;
  } catch {
    event = undefined;
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new EventsError('ValidationException', 'Parameter Event is not valid: it must be a JSON object.');
  }
  return { Result: matcher(event) };
}
