/**
 * The Parameter Store operations of the subset, on a ParameterStore. Inputs are the parsed JSON bodies;
 * outputs the JSON AWS answers. Bad input throws an SsmError.
 */
import { SsmError, validationError } from './errors.js';
import {
  levelsOf,
  MAX_LEVELS,
  NAME_PATTERN,
  PARAMETER_TYPES,
  type ParameterType,
  type StoredParameter,
} from './parameter.js';
import type { ParameterStore } from './store.js';

/** Where parameter ARNs point. */
export interface SsmContext {
  readonly store: ParameterStore;
  readonly region: string;
  readonly accountId: string;
}

type Input = Record<string, unknown>;

const TYPES = PARAMETER_TYPES;
const MAX_VALUE = 4096;

/** The operations by `x-amz-target` suffix. */
export const OPERATIONS: Readonly<Record<string, (context: SsmContext, input: Input) => Promise<unknown> | unknown>> = {
  GetParameter: getParameter,
  GetParameters: getParameters,
  GetParametersByPath: getParametersByPath,
  GetParameterHistory: getParameterHistory,
  PutParameter: putParameter,
  DeleteParameter: deleteParameter,
  DeleteParameters: deleteParameters,
  DescribeParameters: describeParameters,
};

function getParameter(context: SsmContext, input: Input): unknown {
  const { name, selector } = splitSelector(requireName(input.Name, 'name'));
  if (context.store.get(name) === undefined) throw notFound(name);
  const parameter = select(context, name, selector);
  if (parameter === undefined) {
    throw new SsmError(
      'ParameterVersionNotFound',
      `Systems Manager could not find version ${selector} of ${name}. Verify the version and try again.`,
    );
  }
  return { Parameter: wire(context, parameter, selector) };
}

/** The version `selector` names (`name:3`), or the latest without one; undefined when that version is not kept. */
function select(context: SsmContext, name: string, selector: string | undefined): StoredParameter | undefined {
  if (selector === undefined) return context.store.get(name);
  return /^[1-9]\d{0,15}$/.test(selector) ? context.store.getVersion(name, Number(selector)) : undefined;
}

function getParameters(context: SsmContext, input: Input): unknown {
  const names = input.Names;
  if (!Array.isArray(names) || names.length < 1 || names.length > 10) {
    throw validationError(
      Array.isArray(names) ? `[${names.join(', ')}]` : names,
      'names',
      'Member must have length less than or equal to 10 and greater than or equal to 1',
    );
  }
  const found: unknown[] = [];
  const invalid: string[] = [];
  for (const raw of names) {
    const requested = requireName(raw, 'names');
    const { name, selector } = splitSelector(requested);
    const parameter = select(context, name, selector);
    if (parameter === undefined) invalid.push(requested);
    else found.push(wire(context, parameter, selector));
  }
  return { Parameters: found, InvalidParameters: invalid };
}

function getParametersByPath(context: SsmContext, input: Input): unknown {
  const path = input.Path;
  if (typeof path !== 'string' || path.length === 0 || path.length > 2048) {
    throw validationError(path, 'path', 'Member must have length between 1 and 2048');
  }
  if (!path.startsWith('/') || !NAME_PATTERN.test(path)) {
    throw new SsmError(
      'ValidationException',
      `The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash "/". ${path}`,
    );
  }
  const recursive = input.Recursive === true;
  const maxResults = optionalInteger(input.MaxResults, 'maxResults', 1, 10) ?? 10;
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const matching = context.store.list().filter((parameter) => {
    if (!parameter.name.startsWith(prefix)) return false;
    const rest = parameter.name.slice(prefix.length);
    return rest.length > 0 && (recursive || !rest.includes('/'));
  });
  return page(matching, input.NextToken, maxResults, (items, next) => ({
    Parameters: items.map((parameter) => wire(context, parameter)),
    ...(next === undefined ? {} : { NextToken: next }),
  }));
}

async function putParameter(context: SsmContext, input: Input): Promise<unknown> {
  const name = requireName(input.Name, 'name');
  if (/^\/?(aws|ssm)/i.test(name)) {
    throw new SsmError(
      'ValidationException',
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
    );
  }
  if (name.includes(':'))
    throw validationError(name, 'name', 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9_.\\-/]+$');
  if (levelsOf(name) > MAX_LEVELS) {
    throw new SsmError(
      'HierarchyLevelLimitExceededException',
      `A hierarchy can have a maximum of ${MAX_LEVELS} levels; ${name} has ${levelsOf(name)}.`,
    );
  }
  const value = input.Value;
  if (typeof value !== 'string' || value.length < 1) {
    throw validationError(value, 'value', 'Member must have length greater than or equal to 1');
  }
  if (value.length > MAX_VALUE) {
    throw new SsmError(
      'ValidationException',
      `Standard tier parameters support a maximum parameter value of ${MAX_VALUE} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.`,
    );
  }
  if (input.Type !== undefined && !TYPES.includes(input.Type as ParameterType)) {
    throw validationError(input.Type, 'type', `Member must satisfy enum value set: [${TYPES.join(', ')}]`);
  }
  if (input.Description !== undefined && (typeof input.Description !== 'string' || input.Description.length > 1024)) {
    throw validationError(input.Description, 'description', 'Member must have length less than or equal to 1024');
  }
  const existing = context.store.get(name);
  if (existing !== undefined && input.Overwrite !== true) {
    throw new SsmError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
  }
  const type = (input.Type as ParameterType | undefined) ?? existing?.type;
  if (type === undefined) {
    throw new SsmError('ValidationException', 'A parameter type is required when you create a parameter.');
  }
  const version = (existing?.version ?? 0) + 1;
  await context.store.addVersion({
    name,
    type,
    value,
    version,
    lastModified: Date.now(),
    dataType: typeof input.DataType === 'string' ? input.DataType : (existing?.dataType ?? 'text'),
    description: typeof input.Description === 'string' ? input.Description : existing?.description,
  });
  return { Version: version, Tier: 'Standard' };
}

/** Every version kept (up to 100), oldest first, 50 per page by default. */
function getParameterHistory(context: SsmContext, input: Input): unknown {
  const name = requireName(input.Name, 'name');
  const history = context.store.history(name);
  if (history.length === 0) throw notFound(name);
  const maxResults = optionalInteger(input.MaxResults, 'maxResults', 1, 50) ?? 50;
  let start = 0;
  if (input.NextToken !== undefined && input.NextToken !== null) {
    const after = typeof input.NextToken === 'string' ? decodeToken(input.NextToken) : undefined;
    if (after === undefined || !/^\d+$/.test(after))
      throw new SsmError('InvalidNextToken', "The specified token isn't valid.");
    start = history.findIndex((parameter) => parameter.version > Number(after));
    if (start === -1) start = history.length;
  }
  const slice = history.slice(start, start + maxResults);
  const last = slice.at(-1);
  return {
    Parameters: slice.map((parameter) => ({
      Name: parameter.name,
      Type: parameter.type,
      LastModifiedDate: parameter.lastModified / 1000,
      ...(parameter.description === undefined ? {} : { Description: parameter.description }),
      Value: parameter.value,
      Version: parameter.version,
      Labels: [],
      Tier: 'Standard',
      Policies: [],
      DataType: parameter.dataType,
    })),
    ...(start + maxResults < history.length && last !== undefined
      ? { NextToken: encodeToken(String(last.version)) }
      : {}),
  };
}

async function deleteParameter(context: SsmContext, input: Input): Promise<unknown> {
  const name = requireName(input.Name, 'name');
  if (!(await context.store.delete(name))) throw notFound(name);
  return {};
}

async function deleteParameters(context: SsmContext, input: Input): Promise<unknown> {
  const names = input.Names;
  if (!Array.isArray(names) || names.length < 1 || names.length > 10) {
    throw validationError(
      names,
      'names',
      'Member must have length less than or equal to 10 and greater than or equal to 1',
    );
  }
  const deleted: string[] = [];
  const invalid: string[] = [];
  for (const raw of names) {
    const name = requireName(raw, 'names');
    if (await context.store.delete(name)) deleted.push(name);
    else invalid.push(name);
  }
  return { DeletedParameters: deleted, InvalidParameters: invalid };
}

function describeParameters(context: SsmContext, input: Input): unknown {
  const maxResults = optionalInteger(input.MaxResults, 'maxResults', 1, 50) ?? 50;
  const filters = Array.isArray(input.ParameterFilters) ? (input.ParameterFilters as unknown[]) : [];
  const matching = context.store
    .list()
    .filter((parameter) => filters.every((filter) => matchesFilter(parameter, filter)));
  return page(matching, input.NextToken, maxResults, (items, next) => ({
    Parameters: items.map((parameter) => ({
      Name: parameter.name,
      ARN: arn(context, parameter.name),
      Type: parameter.type,
      LastModifiedDate: parameter.lastModified / 1000,
      Version: parameter.version,
      Tier: 'Standard',
      DataType: parameter.dataType,
      ...(parameter.description === undefined ? {} : { Description: parameter.description }),
    })),
    ...(next === undefined ? {} : { NextToken: next }),
  }));
}

/** Filters of DescribeParameters: Name (Equals, BeginsWith), Path (OneLevel, Recursive), Type (Equals). */
function matchesFilter(parameter: StoredParameter, filter: unknown): boolean {
  if (filter === null || typeof filter !== 'object')
    throw validationError(filter, 'parameterFilters', 'Member must be an object');
  const { Key: key, Option: option, Values: values } = filter as { Key?: unknown; Option?: unknown; Values?: unknown };
  const list = Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
  if (key === 'Name') {
    return list.some((v) => (option === 'BeginsWith' ? parameter.name.startsWith(v) : parameter.name === v));
  }
  if (key === 'Type') return list.includes(parameter.type);
  if (key === 'Path') {
    return list.some((v) => {
      const prefix = v.endsWith('/') ? v : `${v}/`;
      const rest = parameter.name.startsWith(prefix) ? parameter.name.slice(prefix.length) : '';
      return rest.length > 0 && (option === 'Recursive' || !rest.includes('/'));
    });
  }
  throw new SsmError(
    'ValidationException',
    `The following filter key is not valid: ${String(key)}. Valid filter keys include: [Name, Type, Path].`,
  );
}

/** Pages a sorted list with an opaque token (base64url of the last name returned). */
function page<T>(
  items: StoredParameter[],
  token: unknown,
  maxResults: number,
  build: (items: StoredParameter[], next: string | undefined) => T,
): T {
  let start = 0;
  if (token !== undefined && token !== null) {
    const after = typeof token === 'string' ? decodeToken(token) : undefined;
    if (after === undefined) throw new SsmError('InvalidNextToken', "The specified token isn't valid.");
    start = items.findIndex((item) => item.name > after);
    if (start === -1) start = items.length;
  }
  const slice = items.slice(start, start + maxResults);
  const last = slice.at(-1);
  const next = start + maxResults < items.length && last !== undefined ? encodeToken(last.name) : undefined;
  return build(slice, next);
}

function encodeToken(name: string): string {
  return Buffer.from(JSON.stringify({ after: name }), 'utf8').toString('base64url');
}

function decodeToken(token: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    return typeof parsed.after === 'string' ? parsed.after : undefined;
  } catch {
    return undefined;
  }
}

function optionalInteger(value: unknown, member: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new SsmError('SerializationException', `Expected an integer for ${member}, got ${JSON.stringify(value)}`);
  }
  if (value > max) throw validationError(value, member, `Member must have value less than or equal to ${max}`);
  if (value < min) throw validationError(value, member, `Member must have value greater than or equal to ${min}`);
  return value;
}

function requireName(value: unknown, member: string): string {
  if (value === undefined || value === null) throw validationError(value, member, 'Member must not be null');
  if (typeof value !== 'string' || value.length < 1 || value.length > 2048) {
    throw validationError(value, member, 'Member must have length between 1 and 2048');
  }
  const bare = value.includes(':') ? value.slice(0, value.lastIndexOf(':')) : value;
  if (!NAME_PATTERN.test(bare)) {
    throw new SsmError(
      'ValidationException',
      `Parameter name ${bare}: if formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_`,
    );
  }
  if (bare.includes('/') && !bare.startsWith('/')) {
    throw new SsmError(
      'ValidationException',
      `Parameter name must be a fully qualified name (begin with "/" when it contains a "/"): ${bare}`,
    );
  }
  return value;
}

/** `name:3` selects version 3. */
function splitSelector(requested: string): { name: string; selector: string | undefined } {
  const colon = requested.lastIndexOf(':');
  if (colon === -1) return { name: requested, selector: undefined };
  return { name: requested.slice(0, colon), selector: requested.slice(colon + 1) };
}

function notFound(name: string): SsmError {
  return new SsmError('ParameterNotFound', `Parameter ${name} not found.`);
}

function arn(context: SsmContext, name: string): string {
  return `arn:aws:ssm:${context.region}:${context.accountId}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
}

/** A parameter as GetParameter answers it; asked with a selector, `Selector` is `:<selector>` as AWS sends it. */
function wire(context: SsmContext, parameter: StoredParameter, selector?: string): Record<string, unknown> {
  return {
    Name: parameter.name,
    Type: parameter.type,
    Value: parameter.value,
    Version: parameter.version,
    LastModifiedDate: parameter.lastModified / 1000,
    ARN: arn(context, parameter.name),
    DataType: parameter.dataType,
    ...(selector === undefined ? {} : { Selector: `:${selector}` }),
  };
}
