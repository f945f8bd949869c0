/** The CDK runtime of a resolved config runtime. */

import { Runtime } from 'aws-cdk-lib/aws-lambda';
import type { LambdaRuntime } from 'lambdaport/config';

const RUNTIMES: Readonly<Record<LambdaRuntime, Runtime>> = {
  'nodejs22.x': Runtime.NODEJS_22_X,
  'nodejs24.x': Runtime.NODEJS_24_X,
  'provided.al2023': Runtime.PROVIDED_AL2023,
};

/**
 * The `Runtime` for `nodejs22.x`, `nodejs24.x` or `provided.al2023`.
 *
 * @example
 * lambdaRuntime('nodejs22.x'); // Runtime.NODEJS_22_X
 */
export function lambdaRuntime(runtime: LambdaRuntime): Runtime {
  return RUNTIMES[runtime];
}
