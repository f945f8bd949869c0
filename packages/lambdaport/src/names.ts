/**
 * `lambdaport/names`: the one name grammar of lambdaport. Every entry point (contracts, the registry, config
 * validation, the local runtime, the CLI) checks and builds names with this module, so a name is valid or refused
 * everywhere, in the same words. This file is longer than 400 lines because the grammar is one concern with one
 * home: every rule, its one wording and its builders side by side.
 *
 * | what                 | rule                                                                    | example                          |
 * | -------------------- | ----------------------------------------------------------------------- | -------------------------------- |
 * | service              | `^[a-z][a-z0-9]*(-[a-z0-9]+)*$`, 1..40 characters                        | `records`, `order-history`       |
 * | function             | `^[a-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$`, 1..64 characters                  | `get`, `getUrl`, `list-all`      |
 * | friendly name        | `<service>.<function>` (exactly one `.`)                                 | `records.get`                    |
 * | stage                | `^[a-z][a-z0-9]*(-[a-z0-9]+)*$`, 1..16 characters                        | `dev`, `pr-42`                   |
 * | table key            | `^[A-Za-z0-9_.-]+$`                                                      | `records`                        |
 * | table name           | `<stage>-<service>-<table>`, 3..255 characters                           | `dev-records-records`            |
 * | deployed name        | `<stage>-<service>-<function>-<hash6>`, at most 64 characters            | `dev-records-get-27ab43`         |
 * | older major's name   | `<stage>-<service>-<function>-v<N>-<hash6>`, at most 64 characters       | `dev-records-get-v1-b9eb65`      |
 * | friendly call        | `<service>.<function>[@v<N>]` (a config's `calls` entry)                 | `records.get@v1`                 |
 * | alias                | `v<N>`, N a whole number from 1 (the contract's major version)           | `v2`                             |
 * | table ARN            | `arn:aws:dynamodb:<region>:<account>:table/<table name>`                 | `...:table/dev-records-records`  |
 * | SSM parameters       | `/lambdaport/<stage>/<service>/<function>[/v<N>]`                        | `/lambdaport/dev/records/get/v2` |
 * | env override         | `LAMBDAPORT_FUNCTION_<SERVICE>_<FUNCTION>[_V<N>]`                        | `LAMBDAPORT_FUNCTION_RECORDS_GET`|
 * | event bus variable   | `LAMBDAPORT_EVENT_BUS`: the bus `<stage>-<service>` of a publisher       | `dev-orders`                     |
 * | declared error       | `^[A-Za-z][A-Za-z0-9_.]*$`                                               | `RecordNotFound`                 |
 * | event name           | `^[A-Z][A-Za-z0-9]*$` (PascalCase), 1..64 characters: the detail type    | `OrderCreated`                   |
 * | friendly event       | `<service>.<Event>` (a config's `subscribe` entry)                       | `orders.OrderCreated`            |
 *
 * Checkers (`…Problem`) return undefined for a valid value, else one sentence naming the rule and the value; the
 * same rule is always worded the same way. Builders of names we create (`deployedName`, `tableName`, `aliasName`)
 * throw a TypeError carrying that sentence; builders of paths, ARNs and variables join parts already checked (by
 * `parseFriendlyName` or config validation) and check nothing more (only `ssmAliasParameter` goes through
 * `aliasName`), as they sit on the client's hot path.
 *
 * Dependency-free (a Node builtin only), so the CLI, the local runtime and a handler bundle can all import it.
 * One file on purpose, though over 400 lines (half of them JSDoc): the grammar is one concern with one home.
 */
import { createHash } from 'node:crypto';

const ALIAS = /^v([1-9][0-9]*)$/;

// One constant per rule (not one object), so a bundle keeps only the rules it checks.
const SERVICE = {
  pattern: /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
  maxLength: 40,
  expected:
    'a service name (lower-case letters and digits, words joined by single "-", starting with a letter, at most 40 characters)',
} as const;
const FUNCTION = {
  pattern: /^[a-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$/,
  maxLength: 64,
  expected:
    'a function name (letters and digits, words joined by single "-", starting with a lower-case letter, at most 64 characters)',
} as const;
const STAGE = {
  pattern: /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
  maxLength: 16,
  expected:
    'a stage name (lower-case letters and digits, words joined by single "-", starting with a letter, at most 16 characters)',
} as const;
const FRIENDLY = { expected: 'a friendly name "<service>.<function>" (exactly one ".")' } as const;
const CALL = { expected: 'a call "<service>.<function>" or "<service>.<function>@v<N>"' } as const;
const TABLE_KEY = {
  pattern: /^[A-Za-z0-9_.-]+$/,
  expected: 'a table name of letters, digits, "_", "-" and "."',
} as const;
const ERROR_NAME = {
  pattern: /^[A-Za-z][A-Za-z0-9_.]*$/,
  expected: 'an error name (letters, digits, "_" and ".", starting with a letter)',
} as const;
const EVENT_NAME = {
  pattern: /^[A-Z][A-Za-z0-9]*$/,
  maxLength: 64,
  expected: 'an event name (PascalCase: letters and digits, starting with an upper-case letter, at most 64 characters)',
} as const;
const FRIENDLY_EVENT = { expected: 'an event "<service>.<Event>" (exactly one ".")' } as const;
const MAJOR_VERSION = { expected: 'an API major version (a whole number from 1)' } as const;
/** Lambda's limit on a function name. */
const DEPLOYED_NAME = { maxLength: 64 } as const;
/** DynamoDB's limits on a table name. */
const TABLE_NAME = { minLength: 3, maxLength: 255 } as const;

/**
 * The grammar as data: patterns, length limits and the words each checker uses. Read it to document or test the
 * rules; check values with the `…Problem` functions.
 *
 * @example
 * NAME_RULES.service.maxLength; // 40
 */
export const NAME_RULES = {
  service: SERVICE,
  function: FUNCTION,
  stage: STAGE,
  friendly: FRIENDLY,
  call: CALL,
  tableKey: TABLE_KEY,
  errorName: ERROR_NAME,
  eventName: EVENT_NAME,
  friendlyEvent: FRIENDLY_EVENT,
  majorVersion: MAJOR_VERSION,
  deployedName: DEPLOYED_NAME,
  tableName: TABLE_NAME,
} as const;

/** The root of every SSM parameter lambdaport writes or reads. */
export const SSM_PREFIX = '/lambdaport';

/**
 * The environment variable holding the bus (`<stage>-<service>`) of a function that publishes events (its config's
 * `publishes`); `createPublisher` of `lambdaport/events` sends there by default.
 */
export const EVENT_BUS_VARIABLE = 'LAMBDAPORT_EVENT_BUS';

/** Shows a found value briefly: `"Records"`, `12`, `nothing`, `an object`. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function wordsProblem(
  value: unknown,
  rule: { readonly pattern: RegExp; readonly maxLength: number; readonly expected: string },
): string | undefined {
  if (typeof value === 'string' && value.length <= rule.maxLength && rule.pattern.test(value)) return undefined;
  return `expected ${rule.expected}, got ${shown(value)}`;
}

/**
 * Why `value` is not a service name, or undefined when it is one.
 *
 * @example
 * serviceNameProblem('records'); // undefined
 * serviceNameProblem('Records'); // 'expected a service name (lower-case letters and digits, ...), got "Records"'
 */
export function serviceNameProblem(value: unknown): string | undefined {
  return wordsProblem(value, SERVICE);
}

/**
 * Why `value` is not a function name (a config `functions` key, the part after the dot of a friendly name).
 *
 * @example
 * functionNameProblem('getUrl'); // undefined
 * functionNameProblem('get_one'); // 'expected a function name (...), got "get_one"'
 */
export function functionNameProblem(value: unknown): string | undefined {
  return wordsProblem(value, FUNCTION);
}

/**
 * Why `value` is not a stage name.
 *
 * @example
 * stageNameProblem('dev'); // undefined
 * stageNameProblem('Prod'); // 'expected a stage name (...), got "Prod"'
 */
export function stageNameProblem(value: unknown): string | undefined {
  return wordsProblem(value, STAGE);
}

/**
 * Why `value` is not a table key of a config's `tables`.
 *
 * @example
 * tableKeyProblem('records'); // undefined
 * tableKeyProblem('my table'); // 'expected a table name of letters, digits, "_", "-" and ".", got "my table"'
 */
export function tableKeyProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && TABLE_KEY.pattern.test(value)) return undefined;
  return `expected ${TABLE_KEY.expected}, got ${shown(value)}`;
}

/**
 * Why `value` is not the name of a declared error (`defineError`): it travels as the Lambda `errorType`.
 *
 * @example
 * errorNameProblem('RecordNotFound'); // undefined
 * errorNameProblem('bad name'); // 'expected an error name (...), got "bad name"'
 */
export function errorNameProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && ERROR_NAME.pattern.test(value)) return undefined;
  return `expected ${ERROR_NAME.expected}, got ${shown(value)}`;
}

/**
 * Why `value` is not an event name (a key of a config's `events`, the event's detail type on the wire).
 *
 * @example
 * eventNameProblem('OrderCreated'); // undefined
 * eventNameProblem('orderCreated'); // 'expected an event name (PascalCase: ...), got "orderCreated"'
 */
export function eventNameProblem(value: unknown): string | undefined {
  return wordsProblem(value, EVENT_NAME);
}

/** An event of a service: `orders.OrderCreated` → `{ service: 'orders', event: 'OrderCreated' }`. */
export interface FriendlyEvent {
  readonly service: string;
  readonly event: string;
}

function splitEvent(value: unknown): FriendlyEvent | string {
  const dot = typeof value === 'string' ? value.indexOf('.') : -1;
  if (dot === -1 || (value as string).indexOf('.', dot + 1) !== -1) {
    return `expected ${FRIENDLY_EVENT.expected}, got ${shown(value)}`;
  }
  const text = value as string;
  const service = text.slice(0, dot);
  const event = text.slice(dot + 1);
  const problem = serviceNameProblem(service) ?? eventNameProblem(event);
  return problem === undefined ? { service, event } : `event ${shown(value)}: ${problem}`;
}

/**
 * Why `value` is not an event `<service>.<Event>` (a config's `subscribe` entry); a bad half is named with its own
 * rule's words.
 *
 * @example
 * friendlyEventProblem('orders.OrderCreated'); // undefined
 * friendlyEventProblem('orders.orderCreated'); // 'event "orders.orderCreated": expected an event name (...), got "orderCreated"'
 */
export function friendlyEventProblem(value: unknown): string | undefined {
  const parsed = splitEvent(value);
  return typeof parsed === 'string' ? parsed : undefined;
}

/**
 * Splits `<service>.<Event>` into its service and event; throws a TypeError with the problem when it is not one.
 *
 * @example
 * parseFriendlyEvent('orders.OrderCreated'); // { service: 'orders', event: 'OrderCreated' }
 */
export function parseFriendlyEvent(value: string): FriendlyEvent {
  const parsed = splitEvent(value);
  if (typeof parsed === 'string') throw new TypeError(parsed);
  return parsed;
}

/**
 * Why `value` is not an API major version (a contract's `version`, the `N` of alias `v<N>`).
 *
 * @example
 * majorVersionProblem(2); // undefined
 * majorVersionProblem(0); // 'expected an API major version (a whole number from 1), got 0'
 */
export function majorVersionProblem(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return undefined;
  return `expected ${MAJOR_VERSION.expected}, got ${shown(value)}`;
}

/** The two halves of a friendly name: `records.get` → `{ service: 'records', fn: 'get' }`. */
export interface FriendlyName {
  readonly service: string;
  readonly fn: string;
}

function splitFriendly(value: unknown): FriendlyName | string {
  if (typeof value !== 'string') return `expected ${FRIENDLY.expected}, got ${shown(value)}`;
  const dot = value.indexOf('.');
  if (dot === -1 || value.indexOf('.', dot + 1) !== -1) {
    return `expected ${FRIENDLY.expected}, got ${shown(value)}`;
  }
  const service = value.slice(0, dot);
  const fn = value.slice(dot + 1);
  const problem = serviceNameProblem(service) ?? functionNameProblem(fn);
  return problem === undefined ? { service, fn } : `friendly name ${shown(value)}: ${problem}`;
}

/**
 * Why `value` is not a friendly name `<service>.<function>`; a bad half is named with its own rule's words.
 *
 * @example
 * friendlyNameProblem('records.get'); // undefined
 * friendlyNameProblem('records.get_one'); // 'friendly name "records.get_one": expected a function name (...), got "get_one"'
 */
export function friendlyNameProblem(value: unknown): string | undefined {
  const parsed = splitFriendly(value);
  return typeof parsed === 'string' ? parsed : undefined;
}

/**
 * Splits a friendly name into its service and function; throws a TypeError with the problem when it is not one.
 *
 * @example
 * parseFriendlyName('records.get'); // { service: 'records', fn: 'get' }
 */
export function parseFriendlyName(name: string): FriendlyName {
  const parsed = splitFriendly(name);
  if (typeof parsed === 'string') throw new TypeError(parsed);
  return parsed;
}

/** A `calls` entry split: the function called and the major asked for (undefined: the callee's current major). */
export interface FriendlyCall extends FriendlyName {
  readonly major: number | undefined;
}

/** A call without `@` is a friendly name, refused in a friendly name's words; a bad `@...` in a call's. */
function splitCall(value: unknown): FriendlyCall | string {
  const at = typeof value === 'string' ? value.indexOf('@') : -1;
  if (at === -1) {
    const friendly = splitFriendly(value);
    return typeof friendly === 'string' ? friendly : { ...friendly, major: undefined };
  }
  const text = value as string;
  const major = /^v([1-9][0-9]*)$/.exec(text.slice(at + 1));
  if (major === null || majorVersionProblem(Number(major[1])) !== undefined) {
    return `expected ${CALL.expected}, got ${shown(value)}`;
  }
  const friendly = splitFriendly(text.slice(0, at));
  return typeof friendly === 'string' ? friendly : { ...friendly, major: Number(major[1]) };
}

/**
 * Why `value` is not a call `<service>.<function>` or `<service>.<function>@v<N>` (a config's `calls` entry).
 *
 * @example
 * friendlyCallProblem('records.get@v1'); // undefined
 * friendlyCallProblem('records.get@1'); // 'expected a call "<service>.<function>" or "<service>.<function>@v<N>", got "records.get@1"'
 * friendlyCallProblem('records'); // 'expected a friendly name "<service>.<function>" (exactly one "."), got "records"'
 */
export function friendlyCallProblem(value: unknown): string | undefined {
  const parsed = splitCall(value);
  return typeof parsed === 'string' ? parsed : undefined;
}

/**
 * Splits a call into service, function and major; throws a TypeError with the problem when it is not one.
 *
 * @example
 * parseFriendlyCall('records.get@v2'); // { service: 'records', fn: 'get', major: 2 }
 * parseFriendlyCall('records.get'); // { service: 'records', fn: 'get', major: undefined }
 */
export function parseFriendlyCall(value: string): FriendlyCall {
  const parsed = splitCall(value);
  if (typeof parsed === 'string') throw new TypeError(parsed);
  return parsed;
}

/**
 * The friendly name of a service's function.
 *
 * @example
 * friendlyName('records', 'get'); // 'records.get'
 */
export function friendlyName(service: string, fn: string): string {
  return `${service}.${fn}`;
}

function hash6(stage: string, service: string, fn: string): string {
  return createHash('sha256').update(`${stage}/${service}/${fn}`).digest('hex').slice(0, 6);
}

function joinDeployed(stage: string, service: string, fn: string): string {
  return `${stage}-${service}-${fn}-${hash6(stage, service, fn)}`;
}

/**
 * Why stage, service and function do not make a deployed name: a part the grammar refuses, or a result longer than
 * Lambda's 64 characters.
 *
 * @example
 * deployedNameProblem('dev', 'records', 'get'); // undefined
 */
export function deployedNameProblem(stage: unknown, service: unknown, fn: unknown): string | undefined {
  const problem = stageNameProblem(stage) ?? serviceNameProblem(service) ?? functionNameProblem(fn);
  if (problem !== undefined) return problem;
  const name = joinDeployed(stage as string, service as string, fn as string);
  const max = DEPLOYED_NAME.maxLength;
  if (name.length <= max) return undefined;
  return `the deployed name ${name} is ${name.length} characters; Lambda allows at most ${max} (shorten the service, stage or function name)`;
}

/**
 * The deployed Lambda name of a function: `<stage>-<service>-<function>-<hash6>`, where `hash6` is the first 6 hex
 * characters of sha256(`<stage>/<service>/<function>`). Stable across restarts and machines. Throws a TypeError
 * with the problem when the parts do not make a valid deployed name.
 *
 * @example
 * deployedName('dev', 'records', 'get'); // 'dev-records-get-27ab43'
 */
export function deployedName(stage: string, service: string, fn: string): string {
  const problem = deployedNameProblem(stage, service, fn);
  if (problem !== undefined) throw new TypeError(problem);
  return joinDeployed(stage, service, fn);
}

/** The parts of a deployed name; `major` is set for the function of an older major (`...-v<N>-<hash6>`). */
export interface DeployedNameParts {
  readonly stage: string;
  readonly service: string;
  readonly fn: string;
  readonly major?: number;
}

function olderHash6(stage: string, service: string, fn: string, major: number): string {
  return createHash('sha256').update(`${stage}/${service}/${fn}/v${major}`).digest('hex').slice(0, 6);
}

function joinOlder(stage: string, service: string, fn: string, major: number): string {
  return `${stage}-${service}-${fn}-v${major}-${olderHash6(stage, service, fn, major)}`;
}

/**
 * Why stage, service, function and major do not make the deployed name of an older major's function: a part the
 * grammar refuses, or a result longer than Lambda's 64 characters.
 *
 * @example
 * olderMajorDeployedNameProblem('dev', 'records', 'get', 1); // undefined
 */
export function olderMajorDeployedNameProblem(
  stage: unknown,
  service: unknown,
  fn: unknown,
  major: unknown,
): string | undefined {
  const problem =
    stageNameProblem(stage) ?? serviceNameProblem(service) ?? functionNameProblem(fn) ?? majorVersionProblem(major);
  if (problem !== undefined) return problem;
  const name = joinOlder(stage as string, service as string, fn as string, major as number);
  const max = DEPLOYED_NAME.maxLength;
  if (name.length <= max) return undefined;
  return `the deployed name ${name} of major ${major as number} is ${name.length} characters; Lambda allows at most ${max} (shorten the service, stage or function name)`;
}

/**
 * The deployed Lambda name of the function serving an older API major of a function ("one function per major"):
 * `<stage>-<service>-<function>-v<N>-<hash6>`, where `hash6` is the first 6 hex characters of
 * sha256(`<stage>/<service>/<function>/v<N>`). The current major keeps {@link deployedName}. Throws a TypeError with
 * the problem when the parts do not make a valid name.
 *
 * @example
 * olderMajorDeployedName('dev', 'records', 'get', 1); // 'dev-records-get-v1-b9eb65'
 */
export function olderMajorDeployedName(stage: string, service: string, fn: string, major: number): string {
  const problem = olderMajorDeployedNameProblem(stage, service, fn, major);
  if (problem !== undefined) throw new TypeError(problem);
  return joinOlder(stage, service, fn, major);
}

/** Every split of `words` into stage, service and function that the grammar accepts. */
function* splits(words: readonly string[]): Generator<DeployedNameParts> {
  for (let i = 1; i < words.length - 1; i++) {
    for (let j = i + 1; j < words.length; j++) {
      const stage = words.slice(0, i).join('-');
      const service = words.slice(i, j).join('-');
      const fn = words.slice(j).join('-');
      if (stageNameProblem(stage) ?? serviceNameProblem(service) ?? functionNameProblem(fn)) continue;
      yield { stage, service, fn };
    }
  }
}

/**
 * Recovers stage, service and function (and the major of an older major's function) from a deployed name, or
 * undefined when it is not one of ours. Stage, service and function may each hold `-`: every split is tried and
 * only the one whose hash matches is kept.
 *
 * @example
 * parseDeployedName('dev-records-get-27ab43'); // { stage: 'dev', service: 'records', fn: 'get' }
 * parseDeployedName(olderMajorDeployedName('dev', 'records', 'get', 1)); // { stage: 'dev', service: 'records', fn: 'get', major: 1 }
 * parseDeployedName('dev-records-get-000000'); // undefined
 */
export function parseDeployedName(name: string): DeployedNameParts | undefined {
  if (typeof name !== 'string' || name.length > DEPLOYED_NAME.maxLength) return undefined;
  const match = /^(.+)-[0-9a-f]{6}$/.exec(name);
  if (!match) return undefined;
  const words = match[1]!.split('-');
  for (const parts of splits(words)) {
    if (joinDeployed(parts.stage, parts.service, parts.fn) === name) return parts;
  }
  const older = /^v([1-9][0-9]*)$/.exec(words.at(-1) ?? '');
  if (older === null) return undefined;
  const major = Number(older[1]);
  for (const parts of splits(words.slice(0, -1))) {
    if (joinOlder(parts.stage, parts.service, parts.fn, major) === name) return { ...parts, major };
  }
  return undefined;
}

/**
 * The ARN of a function, unqualified, or qualified with a version or alias.
 *
 * @example
 * functionArn('us-east-1', '000000000000', 'dev-records-get-27ab43');
 * // 'arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-27ab43'
 * functionArn('us-east-1', '000000000000', 'dev-records-get-27ab43', 'v1'); // '...:function:dev-records-get-27ab43:v1'
 */
export function functionArn(region: string, accountId: string, name: string, qualifier?: string): string {
  const arn = `arn:aws:lambda:${region}:${accountId}:function:${name}`;
  return qualifier === undefined ? arn : `${arn}:${qualifier}`;
}

/**
 * True when a Lambda function name or ARN already carries a qualifier:
 * `arn:aws:lambda:r:a:function:f:v1`, `a:function:f:v1`, `f:v1`.
 *
 * @example
 * isQualified('my-fn:live'); // true
 * isQualified('arn:aws:lambda:us-east-1:000000000000:function:my-fn'); // false
 */
export function isQualified(functionName: string): boolean {
  const parts = functionName.split(':').length;
  if (functionName.startsWith('arn:')) return parts >= 8;
  if (functionName.includes(':function:')) return parts >= 4;
  return parts >= 2;
}

/**
 * Why stage, service and table key do not make a DynamoDB table name (a part the grammar refuses, or a result
 * outside DynamoDB's 3..255 characters).
 *
 * @example
 * tableNameProblem('dev', 'records', 'records'); // undefined
 */
export function tableNameProblem(stage: unknown, service: unknown, table: unknown): string | undefined {
  const problem = stageNameProblem(stage) ?? serviceNameProblem(service) ?? tableKeyProblem(table);
  if (problem !== undefined) return problem;
  const name = `${stage as string}-${service as string}-${table as string}`;
  const { minLength, maxLength } = TABLE_NAME;
  if (name.length >= minLength && name.length <= maxLength) return undefined;
  return `the table name ${name} is ${name.length} characters; DynamoDB allows ${minLength} to ${maxLength} (shorten the service, stage or table name)`;
}

/**
 * The DynamoDB table name of a config table: `<stage>-<service>-<table>`. Throws a TypeError with the problem
 * when the parts do not make a valid table name.
 *
 * @example
 * tableName('dev', 'records', 'records'); // 'dev-records-records'
 */
export function tableName(stage: string, service: string, table: string): string {
  const problem = tableNameProblem(stage, service, table);
  if (problem !== undefined) throw new TypeError(problem);
  return `${stage}-${service}-${table}`;
}

/**
 * The ARN of a DynamoDB table (what an IAM policy names).
 *
 * @example
 * tableArn('us-east-1', '000000000000', 'dev-records-records');
 * // 'arn:aws:dynamodb:us-east-1:000000000000:table/dev-records-records'
 */
export function tableArn(region: string, accountId: string, table: string): string {
  return `arn:aws:dynamodb:${region}:${accountId}:table/${table}`;
}

/**
 * The Lambda alias an API major version is published as. Throws a TypeError when `major` is not a whole number
 * from 1.
 *
 * @example
 * aliasName(2); // 'v2'
 */
export function aliasName(major: number): string {
  const problem = majorVersionProblem(major);
  if (problem !== undefined) throw new TypeError(problem);
  return `v${major}`;
}

/**
 * The API major version an alias name stands for, or undefined when it is not `v<N>`.
 *
 * @example
 * parseAliasName('v2'); // 2
 * parseAliasName('live'); // undefined
 */
export function parseAliasName(alias: string): number | undefined {
  const match = ALIAS.exec(alias);
  if (match === null) return undefined;
  const major = Number(match[1]);
  return Number.isSafeInteger(major) ? major : undefined;
}

/**
 * The SSM path holding a service's functions: `/lambdaport/<stage>/<service>`.
 *
 * @example
 * ssmServicePath('dev', 'records'); // '/lambdaport/dev/records'
 */
export function ssmServicePath(stage: string, service: string, prefix: string = SSM_PREFIX): string {
  return `${prefix}/${stage}/${service}`;
}

/**
 * The SSM parameter holding a function's unqualified ARN: `/lambdaport/<stage>/<service>/<function>`.
 *
 * @example
 * ssmFunctionParameter('dev', 'records', 'get'); // '/lambdaport/dev/records/get'
 */
export function ssmFunctionParameter(stage: string, service: string, fn: string, prefix: string = SSM_PREFIX): string {
  return `${ssmServicePath(stage, service, prefix)}/${fn}`;
}

/**
 * The SSM parameter holding the ARN of a function's alias for API major `major`: `.../<function>/v<N>`.
 *
 * @example
 * ssmAliasParameter('dev', 'records', 'get', 2); // '/lambdaport/dev/records/get/v2'
 */
export function ssmAliasParameter(
  stage: string,
  service: string,
  fn: string,
  major: number,
  prefix: string = SSM_PREFIX,
): string {
  return `${ssmFunctionParameter(stage, service, fn, prefix)}/${aliasName(major)}`;
}

/**
 * The environment variable that overrides where a friendly name resolves to, for every major or for one:
 * `LAMBDAPORT_FUNCTION_<SERVICE>_<FUNCTION>[_V<N>]`, upper-case, every other character as `_`.
 *
 * @example
 * envOverrideName({ service: 'records', fn: 'get' }); // 'LAMBDAPORT_FUNCTION_RECORDS_GET'
 * envOverrideName({ service: 'records', fn: 'getUrl' }, 2); // 'LAMBDAPORT_FUNCTION_RECORDS_GETURL_V2'
 */
export function envOverrideName(name: FriendlyName, major?: number): string {
  const base = `LAMBDAPORT_FUNCTION_${name.service}_${name.fn}`.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return major === undefined ? base : `${base}_V${major}`;
}
