/**
 * The registry a client uses when given none: environment overrides over SSM, one per stage per process.
 */
import { envOverrides } from './env.js';
import { ssmRegistry } from './ssm.js';
import type { Registry } from './types.js';

const byStage = new Map<string, Registry>();

/**
 * `envOverrides(ssmRegistry({ stage }))`, made once per stage and shared by every client of the process.
 *
 * @example
 * const registry = defaultRegistry(); // stage from LAMBDAPORT_STAGE, else dev
 */
export function defaultRegistry(stage: string = process.env.LAMBDAPORT_STAGE ?? 'dev'): Registry {
  let registry = byStage.get(stage);
  if (!registry) {
    registry = envOverrides(ssmRegistry({ stage }));
    byStage.set(stage, registry);
  }
  return registry;
}
