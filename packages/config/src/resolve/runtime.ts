/**
 * The Lambda runtime of a function, from the config's `runtime` and the Node major of the host.
 */
import type { LambdaRuntime, RuntimeSetting } from 'lambdaport/config';

/** The Node majors Lambda runs (`nodejs<N>.x`). */
const LAMBDA_NODE_MAJORS: readonly number[] = [22, 24];

/** The major of the Node running this process. */
export function hostNodeMajor(): number {
  return Number(process.versions.node.split('.')[0]);
}

/**
 * The concrete Lambda runtime a `runtime` setting stands for: `nodejs22.x`, `nodejs24.x` and `provided.al2023` as
 * they are; the legacy `provided` is `provided.al2023`; the legacy `nodejs` is the host's Node major when Lambda
 * runs it (22 or 24), else `nodejs22.x` (the local runtime then still runs the host's Node).
 *
 * @example
 * resolveLambdaRuntime('nodejs', 24); // 'nodejs24.x'
 * resolveLambdaRuntime('nodejs', 20); // 'nodejs22.x'
 * resolveLambdaRuntime('provided'); // 'provided.al2023'
 */
export function resolveLambdaRuntime(setting: RuntimeSetting, hostMajor: number = hostNodeMajor()): LambdaRuntime {
  if (setting === 'provided') return 'provided.al2023';
  if (setting !== 'nodejs') return setting;
  return LAMBDA_NODE_MAJORS.includes(hostMajor) ? (`nodejs${hostMajor}.x` as LambdaRuntime) : 'nodejs22.x';
}
