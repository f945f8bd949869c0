/**
 * The front door's use of the {@link Authorizer}: one call per request (per resource it touches), AWS's answer to a
 * denial in each API's own shape, and a local log line that says how to fix the config (docs/design/iam.md). In
 * `warn` mode the denial is logged and the call goes on.
 */
import { friendlyName } from 'lambdaport/names';
import type { Caller } from '../http/admission.js';
import { HttpError } from '../http/errors.js';
import type { LocalFunction } from '../lambda/types.js';
import type { Authorizer, Denial } from './authorizer.js';
import type { Identities } from './identities.js';

/** The API a request came to: its denial is shaped as that API answers it. */
export type GuardedApi = 'lambda' | 'function-url' | 'ssm' | 'dynamodb' | 'events' | 'sqs';

/** What a request asks: one action on one resource (an ARN, or `*`). */
export interface Access {
  readonly action: string;
  readonly resource: string;
}

/** Authorizes requests for the front door. */
export interface Guard {
  /**
   * Throws the API's `AccessDeniedException` when `caller` may not do one of `accesses` (mode `enforce`), after
   * logging the fix; resolves otherwise. Synchronous (returns `undefined`) when every decision is known.
   */
  authorize(caller: Caller, api: GuardedApi, accesses: readonly Access[]): void | Promise<void>;
  /** True when the caller is a function's role (not the administrator). */
  isRole(caller: Caller): boolean;
  /** The deployed name of the function whose role signed, if one did. */
  functionOf(caller: Caller): string | undefined;
  /** Serves these functions from now on (a reload). */
  setFunctions(functions: readonly LocalFunction[]): void;
}

/** Options of {@link createGuard}. */
export interface GuardOptions {
  /** Decides; without one (mode `off`) every request is allowed. */
  readonly authorizer: Authorizer | undefined;
  /** Who holds which role key. */
  readonly identities: Identities;
  readonly functions: readonly LocalFunction[];
  /** Where denials and their fixes are logged. */
  readonly log: (line: string) => void;
}

/**
 * Creates the guard.
 *
 * @example
 * const guard = createGuard({ authorizer, identities, functions, log });
 * await guard.authorize(caller, 'lambda', [{ action: 'lambda:InvokeFunction', resource: `${fn.arn}:v1` }]);
 */
export function createGuard(options: GuardOptions): Guard {
  const { authorizer, identities, log } = options;
  let served = options.functions;
  const roleOf = (caller: Caller) =>
    caller.kind === 'signed' && caller.verified ? identities.byAccessKey(caller.accessKeyId) : undefined;
  const decide = (denial: Denial | undefined, api: GuardedApi): void => {
    if (denial === undefined) return;
    const warn = authorizer?.mode === 'warn';
    log(`iam${warn ? ' (warn: let through)' : ''}: ${denial.message}. ${fixOf(denial, served)}`);
    if (!warn) throw accessDenied(api, denial.message);
  };
  return {
    isRole: (caller) => roleOf(caller) !== undefined,
    functionOf: (caller) => roleOf(caller)?.deployedName,
    setFunctions(next) {
      served = next;
      authorizer?.setFunctions(next);
    },
    authorize(caller, api, accesses) {
      if (authorizer === undefined || authorizer.mode === 'off' || authorizer.roleOf(caller) === undefined) return;
      const pending: Promise<void>[] = [];
      for (const { action, resource } of accesses) {
        const outcome = authorizer.check(caller, action, resource);
        if (outcome instanceof Promise) pending.push(outcome.then((denial) => decide(denial, api)));
        else decide(outcome, api);
      }
      if (pending.length > 0) return Promise.all(pending).then(() => undefined);
    },
  };
}

/**
 * AWS's `AccessDeniedException` in the API's shape: Lambda 403 `{"Type":"User","Message"}`; an `AWS_IAM` Function URL
 * 403 `{"Message":"Forbidden"}`; SSM and DynamoDB 400 with `__type` (DynamoDB's namespaced).
 */
export function accessDenied(api: GuardedApi, message: string): HttpError {
  if (api === 'lambda') return new HttpError(403, 'AccessDeniedException', message, { messageKey: 'Message' });
  // a Function URL says no more than AWS's does; the log line has the details
  if (api === 'function-url')
    return new HttpError(403, 'AccessDeniedException', 'Forbidden', { messageKey: 'Message' });
  if (api === 'sqs') {
    // SQS: 403, the query code `AccessDenied` (JSON 1.0 names it in `x-amzn-query-error`; the query protocol's XML by the service)
    return new HttpError(403, 'AccessDenied', message, {
      fields: { __type: 'com.amazon.coral.service#AccessDeniedException' },
      headers: { 'x-amzn-query-error': 'AccessDenied;Sender' },
    });
  }
  const type = api === 'dynamodb' ? 'com.amazon.coral.service#AccessDeniedException' : 'AccessDeniedException';
  return new HttpError(400, 'AccessDeniedException', message, { fields: { __type: type } });
}

/** The sentence that says how to allow a denied call in the config: which file, which function, which key. */
export function fixOf(denial: Denial, functions: readonly LocalFunction[]): string {
  const policy = denial.policy;
  if (policy === undefined) return 'Its function is no longer served.';
  const where = `${policy.keyPath} (${policy.friendlyName}) in ${policy.configFile}`;
  if (denial.action === 'lambda:InvokeFunction') {
    const match = /:function:([^:]+)(?::([^:]+))?$/.exec(denial.resource);
    const callee = functions.find((fn) => fn.deployedName === match?.[1]);
    if (callee !== undefined) {
      const entry = callee.current
        ? friendlyName(callee.service, callee.name)
        : `${friendlyName(callee.service, callee.name)}@v${callee.major}`;
      const alias = `v${callee.major}`;
      const qualified =
        match?.[2] === alias ? '' : ` and call it by its alias ${alias} (the policy names the alias ARN)`;
      return `Fix: add '${entry}' to calls of ${where}${qualified}.`;
    }
  }
  if (denial.action.startsWith('ssm:')) {
    return `Fix: a calls entry of ${where} naming a function of the service whose parameters these are allows reading them (ssm:GetParametersByPath on its path); nothing else in SSM is granted.`;
  }
  if (denial.action.startsWith('dynamodb:')) {
    const table = /:table\/([^/]+)/.exec(denial.resource)?.[1];
    const grant = functions.flatMap((fn) => fn.tables).find((t) => t.tableName === table);
    const key = grant === undefined ? 'the table' : `'${grant.table}'`;
    return `Fix: declare ${key} in tables of ${where} ('read' or 'read-write'; a function reaches its own service's tables only).`;
  }
  return `No config key grants ${denial.action}: only the administrator (the developer's key) may call it.`;
}
