/**
 * Authorization, as IAM decides it: the caller's identity-based policy (the one `@lambdaport/config`'s generator
 * writes for the deploy, evaluated here by a real IAM engine, `@cloud-copilot/iam-simulate`) allows the action on the
 * resource, or the call is denied with AWS's words (docs/design/iam.md). The developer's key and unknown keys on a
 * loopback bind are the administrator: allowed everything. Decisions are cached by (principal, action, resource): the
 * engine takes milliseconds, a cached decision nothing.
 */

import { runSimulation } from '@cloud-copilot/iam-simulate';
import { type FunctionPolicy, functionPolicy } from '@lambdaport/config';
import type { Caller } from '../http/admission.js';
import type { LocalFunction } from '../lambda/types.js';
import type { Identities, RoleIdentity } from './identities.js';

/** `enforce` (default): deny what the policy does not allow. `warn`: log the denial, let the call through. `off`. */
export type IamMode = 'enforce' | 'warn' | 'off';

/** The modes, for option parsing. */
export const IAM_MODES: readonly IamMode[] = ['enforce', 'warn', 'off'];

/** A call the caller's policy does not allow. */
export interface Denial {
  readonly principalArn: string;
  readonly action: string;
  readonly resource: string;
  /** AWS's message: `User: <principal> is not authorized to perform: <action> on resource: <resource> because …`. */
  readonly message: string;
  /** The caller's policy (its config file, function key path); none when its function is no longer served. */
  readonly policy: FunctionPolicy | undefined;
}

/** Decides whether callers may do what they ask. */
export interface Authorizer {
  readonly mode: IamMode;
  /**
   * The denial of `action` on `resource` by `caller`, or `undefined` when allowed (always, in mode `off` and for the
   * administrator). Synchronous when the decision is cached or needs no engine; a promise the first time.
   */
  check(caller: Caller, action: string, resource: string): Denial | undefined | Promise<Denial | undefined>;
  /** The role whose key signed, if the caller is a function. */
  roleOf(caller: Caller): RoleIdentity | undefined;
  /** Serves these functions' policies from now on (the config was reloaded); forgets cached decisions. */
  setFunctions(functions: readonly LocalFunction[]): void;
}

/** Options of {@link createAuthorizer}. */
export interface AuthorizerOptions {
  readonly mode: IamMode;
  readonly functions: readonly LocalFunction[];
  readonly identities: Identities;
  readonly region: string;
  readonly accountId: string;
}

/**
 * Creates the authorizer of a runtime.
 *
 * @example
 * const authorizer = createAuthorizer({ mode: 'enforce', functions, identities, region, accountId });
 * const denial = await authorizer.check(caller, 'lambda:InvokeFunction', `${fn.arn}:v1`);
 */
export function createAuthorizer(options: AuthorizerOptions): Authorizer {
  const target = { region: options.region, accountId: options.accountId };
  let policies = new Map<string, FunctionPolicy>();
  const decisions = new Map<string, Denial | null>();
  const setFunctions = (functions: readonly LocalFunction[]): void => {
    const next = new Map<string, FunctionPolicy>();
    for (const fn of functions) next.set(fn.deployedName, functionPolicy(fn, target));
    policies = next;
    decisions.clear();
  };
  setFunctions(options.functions);

  const roleOf = (caller: Caller): RoleIdentity | undefined =>
    caller.kind === 'signed' && caller.verified ? options.identities.byAccessKey(caller.accessKeyId) : undefined;

  return {
    mode: options.mode,
    roleOf,
    setFunctions,
    check(caller, action, resource) {
      if (options.mode === 'off') return undefined;
      const role = roleOf(caller);
      if (role === undefined) return undefined; // the administrator
      const key = `${role.principalArn}\0${action}\0${resource}`;
      const cached = decisions.get(key);
      if (cached !== undefined) return cached ?? undefined;
      const policy = policies.get(role.deployedName);
      if (policy === undefined) return denial(role, action, resource, undefined);
      return evaluate(role, policy, action, resource).then((allowed) => {
        const decided = allowed ? null : denial(role, action, resource, policy);
        // a reload between the question and the answer: do not keep the old policy's answer
        if (policies.get(role.deployedName) === policy) decisions.set(key, decided ?? null);
        return decided ?? undefined;
      });
    },
  };

  async function evaluate(role: RoleIdentity, policy: FunctionPolicy, action: string, resource: string) {
    const result = await runSimulation(
      {
        request: {
          principal: role.principalArn,
          action,
          resource: { resource, accountId: options.accountId },
          contextVariables: {},
        },
        identityPolicies: [{ name: `${policy.deployedName}-policy`, policy: policy.document }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    return result.resultType !== 'error' && result.overallResult === 'Allowed';
  }
}

function denial(role: RoleIdentity, action: string, resource: string, policy: FunctionPolicy | undefined): Denial {
  return {
    principalArn: role.principalArn,
    action,
    resource,
    message: `User: ${role.principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
    policy,
  };
}
