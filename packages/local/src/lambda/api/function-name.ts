/**
 * FunctionName as the Lambda API accepts it: a name, a full ARN, a partial ARN or `name:qualifier`, and the
 * lookup of the function and version it denotes.
 */
import { functionArn } from 'lambdaport/names';
import { HttpError } from '../../http/errors.js';
import type { LocalFunction } from '../types.js';

/** A parsed FunctionName. */
export interface ParsedFunctionName {
  /** The bare function name. */
  readonly name: string;
  /** The qualifier carried by the name (`name:q`, `arn:...:function:name:q`), if any. */
  readonly qualifier: string | undefined;
  /** Region and account of a full ARN, if given. */
  readonly region: string | undefined;
  readonly accountId: string | undefined;
}

const NAME = '[a-zA-Z0-9-_]+';
const QUALIFIER = '(\\$LATEST|[a-zA-Z0-9-_]+)';
const FULL_ARN = new RegExp(`^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:(${NAME})(?::${QUALIFIER})?$`);
const PARTIAL_ARN = new RegExp(`^(\\d{12}):function:(${NAME})(?::${QUALIFIER})?$`);
const PLAIN_NAME = /^[a-zA-Z0-9-_]{1,64}$/;
const PLAIN = new RegExp(`^(${NAME})(?::${QUALIFIER})?$`);

/**
 * Parses a (percent-decoded) FunctionName. Returns `undefined` when it matches none of the accepted forms.
 *
 * @example
 * parseFunctionName('arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-1a2b3c:v1');
 * // { name: 'dev-records-get-1a2b3c', qualifier: 'v1', region: 'us-east-1', accountId: '000000000000' }
 */
export function parseFunctionName(value: string): ParsedFunctionName | undefined {
  if (value.length === 0 || value.length > 170) return undefined;
  if (!value.includes(':')) {
    return PLAIN_NAME.test(value)
      ? { name: value, qualifier: undefined, region: undefined, accountId: undefined }
      : undefined;
  }
  const full = FULL_ARN.exec(value);
  if (full !== null) return { name: full[3]!, qualifier: full[4], region: full[1], accountId: full[2] };
  const partial = PARTIAL_ARN.exec(value);
  if (partial !== null) return { name: partial[2]!, qualifier: partial[3], region: undefined, accountId: partial[1] };
  const plain = PLAIN.exec(value);
  if (plain !== null) return { name: plain[1]!, qualifier: plain[2], region: undefined, accountId: undefined };
  return undefined;
}

/** A function and the version a request's FunctionName and Qualifier resolved to. */
export interface ResolvedFunction {
  readonly fn: LocalFunction;
  /** The qualifier asked for (`$LATEST`, a version or an alias), or undefined for none. */
  readonly qualifier: string | undefined;
  /** The version that runs: `$LATEST` or a published version. */
  readonly version: string;
  /** The function's ARN with the qualifier when one was given: what `invokedFunctionArn` reports. */
  readonly invokedArn: string;
}

/** Looks up functions by deployed name; built at start, replaced when the config is reloaded. */
export class FunctionRegistry {
  private byName = new Map<string, LocalFunction>();
  /** Sorted by deployed name (ListFunctions order). */
  list: readonly LocalFunction[] = [];

  constructor(
    functions: readonly LocalFunction[],
    readonly region: string,
    readonly accountId: string,
  ) {
    this.replace(functions);
  }

  /** Serves these functions from now on (a reloaded config): requests already resolved keep theirs. */
  replace(functions: readonly LocalFunction[]): void {
    this.byName = new Map(functions.map((fn) => [fn.deployedName, fn]));
    this.list = [...functions].sort((a, b) => (a.deployedName < b.deployedName ? -1 : 1));
  }

  get(deployedName: string): LocalFunction | undefined {
    return this.byName.get(deployedName);
  }

  /**
   * Resolves a percent-encoded FunctionName from the path plus an optional `Qualifier` query value.
   * Throws {@link HttpError}: 404 `ResourceNotFoundException` for an unknown function or qualifier, 400
   * `InvalidParameterValueException` for a malformed name or a qualifier that contradicts the name's.
   */
  resolve(encodedName: string, queryQualifier: string | undefined): ResolvedFunction {
    let decoded = encodedName;
    if (encodedName.includes('%')) {
      try {
        decoded = decodeURIComponent(encodedName);
      } catch {
        throw invalidName(encodedName);
      }
    }
    const parsed = parseFunctionName(decoded);
    if (parsed === undefined) throw invalidName(decoded);
    if (
      queryQualifier !== undefined &&
      queryQualifier !== '' &&
      !/^(\$LATEST|[a-zA-Z0-9-_]{1,128})$/.test(queryQualifier)
    ) {
      throw new HttpError(
        400,
        'ValidationException',
        `1 validation error detected: Value '${queryQualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)`,
      );
    }
    let qualifier = parsed.qualifier;
    if (queryQualifier !== undefined && queryQualifier !== '') {
      if (qualifier !== undefined && qualifier !== queryQualifier) {
        throw new HttpError(
          400,
          'InvalidParameterValueException',
          'The derived qualifier from the function name does not match the specified qualifier.',
        );
      }
      qualifier = queryQualifier;
    }
    const fn = this.byName.get(parsed.name);
    const region = fn?.region ?? this.region;
    const accountId = fn?.accountId ?? this.accountId;
    const invokedArn = functionArn(region, accountId, parsed.name, qualifier);
    if (
      fn === undefined ||
      (parsed.region !== undefined && parsed.region !== region) ||
      (parsed.accountId !== undefined && parsed.accountId !== accountId)
    ) {
      throw notFound(invokedArn);
    }
    const version = qualifier === undefined ? '$LATEST' : resolveQualifier(fn, qualifier);
    if (version === undefined) throw notFound(invokedArn);
    return { fn, qualifier, version, invokedArn };
  }
}

/** The version a qualifier denotes: `$LATEST`, a published version, or an alias's version. */
export function resolveQualifier(fn: LocalFunction, qualifier: string): string | undefined {
  if (qualifier === '$LATEST') return '$LATEST';
  if (fn.versions.has(qualifier)) return qualifier;
  const aliased = fn.aliases.get(qualifier);
  return aliased !== undefined && fn.versions.has(aliased) ? aliased : undefined;
}

/** 404 `ResourceNotFoundException` as AWS words it for a function. */
export function notFound(arn: string): HttpError {
  return new HttpError(404, 'ResourceNotFoundException', `Function not found: ${arn}`, { messageKey: 'Message' });
}

function invalidName(value: string): HttpError {
  return new HttpError(
    400,
    'ValidationException',
    `1 validation error detected: Value '${value}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
  );
}
