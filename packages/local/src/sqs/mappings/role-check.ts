/**
 * Whether a function's role may read a queue: on AWS an event source mapping polls with the function's execution
 * role, and CreateEventSourceMapping refuses a role that may not `sqs:ReceiveMessage` on the queue. Locally the same
 * policy the front door enforces decides (docs/design/iam.md): in `warn` mode a denial is a log line, not a refusal.
 */
import type { Authorizer } from '../../iam/authorizer.js';
import type { Identities } from '../../iam/identities.js';
import type { LocalFunction } from '../../lambda/types.js';

/** Answers true when the mapping may be made (allowed, or denied in `warn` mode after a log line). */
export type RoleCheck = (fn: LocalFunction, queueArn: string) => Promise<boolean>;

/**
 * The check of a runtime.
 *
 * @example
 * const mayReceive = createRoleCheck(authorizer, identities, log);
 * if (!(await mayReceive(fn, queueArn))) throw new Error('refused');
 */
export function createRoleCheck(
  authorizer: Authorizer | undefined,
  identities: Identities,
  log: (line: string) => void,
): RoleCheck {
  return async (fn, queueArn) => {
    if (authorizer === undefined || authorizer.mode === 'off') return true;
    const role = identities.roleOf(fn);
    const caller = {
      kind: 'signed',
      accessKeyId: role.accessKeyId,
      verified: true,
      region: fn.region,
      service: 'sqs',
    } as const;
    const denial = await authorizer.check(caller, 'sqs:ReceiveMessage', queueArn);
    if (denial === undefined) return true;
    const fix = `Fix: give ${fn.name} a queue key in ${fn.configFile} (its role then reads its own queue), or map a queue its role may read.`;
    if (authorizer.mode === 'warn') {
      log(`iam (warn: let through): an event source mapping of ${fn.deployedName}: ${denial.message}. ${fix}`);
      return true;
    }
    log(`iam: an event source mapping of ${fn.deployedName} refused: ${denial.message}. ${fix}`);
    return false;
  };
}
