/**
 * Who signs a request: each function's own role credentials (access key, secret, session token, as an assumed role
 * gets them), made once per deployed name for the life of the runtime (a reload keeps them: running environments
 * hold them), and the developer's key. The front door maps a verified role key to
 * `arn:aws:sts::<account>:assumed-role/<role>/<deployed-name>` (docs/design/iam.md).
 */
import { randomBytes } from 'node:crypto';
import type { LocalFunction } from '../lambda/types.js';

/** The credentials of one function's role, and who they make the caller. */
export interface RoleIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** The role's name locally: `<deployed-name>-role` (CloudFormation names the cloud's). */
  readonly roleName: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<deployed-name>`. */
  readonly principalArn: string;
  /** The deployed name of the function whose role it is. */
  readonly deployedName: string;
}

/** The identities a runtime knows. */
export interface Identities {
  /** The developer's key (`test` / `test` by default): the administrator. */
  readonly developer: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The role credentials of `fn` (made on first use, then the same for its deployed name). */
  roleOf(fn: LocalFunction): RoleIdentity;
  /** The role whose access key this is, if any. */
  byAccessKey(accessKeyId: string): RoleIdentity | undefined;
  /** The secret of a key this runtime knows (the developer's or a role's); `undefined` for any other key. */
  secretOf(accessKeyId: string): string | undefined;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Creates the identities of a runtime.
 *
 * @example
 * const identities = createIdentities({ accountId: '000000000000' });
 * identities.roleOf(fn).principalArn; // 'arn:aws:sts::000000000000:assumed-role/dev-records-get-27ab43-role/dev-records-get-27ab43'
 */
export function createIdentities(options: {
  readonly accountId: string;
  readonly partition?: string;
  readonly developer?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}): Identities {
  const developer = options.developer ?? { accessKeyId: 'test', secretAccessKey: 'test' };
  const partition = options.partition ?? 'aws';
  const byName = new Map<string, RoleIdentity>();
  const byKey = new Map<string, RoleIdentity>();
  return {
    developer,
    roleOf(fn) {
      let role = byName.get(fn.deployedName);
      if (role === undefined) {
        const roleName = `${fn.deployedName}-role`;
        role = {
          accessKeyId: `ASIA${accessKeyTail()}`,
          secretAccessKey: randomBytes(30).toString('base64'),
          sessionToken: randomBytes(96).toString('base64'),
          roleName,
          principalArn: `arn:${partition}:sts::${options.accountId}:assumed-role/${roleName}/${fn.deployedName}`,
          deployedName: fn.deployedName,
        };
        byName.set(fn.deployedName, role);
        byKey.set(role.accessKeyId, role);
      }
      return role;
    },
    byAccessKey: (accessKeyId) => byKey.get(accessKeyId),
    secretOf(accessKeyId) {
      if (accessKeyId === developer.accessKeyId) return developer.secretAccessKey;
      return byKey.get(accessKeyId)?.secretAccessKey;
    },
  };
}

/** 16 characters of an access key id after its `ASIA` prefix (base32, as AWS's). */
function accessKeyTail(): string {
  const bytes = randomBytes(16);
  let tail = '';
  for (const byte of bytes) tail += KEY_ALPHABET[byte % 32];
  return tail;
}
