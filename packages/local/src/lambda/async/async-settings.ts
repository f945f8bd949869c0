/**
 * The `async` config of the functions (issue 12) as the event invoke configs they start with.
 */
import type { LocalFunction } from '../types.js';
import type { FunctionAsyncFields } from './invoke-configs.js';

/**
 * The `async` config of each function, destinations as the ARNs of the aliases they name.
 *
 * @example
 * createAsyncEvents({ ..., fromConfig: asyncSettingsOf(functions) });
 */
export function asyncSettingsOf(functions: readonly LocalFunction[]): Map<string, FunctionAsyncFields> {
  const settings = new Map<string, FunctionAsyncFields>();
  for (const fn of functions) {
    if (fn.async === undefined) continue;
    const onSuccess = fn.async.onSuccess?.aliasArn;
    const onFailure = fn.async.onFailure?.aliasArn;
    settings.set(fn.deployedName, {
      MaximumRetryAttempts: fn.async.maximumRetryAttempts,
      MaximumEventAgeInSeconds: fn.async.maximumEventAgeInSeconds,
      DestinationConfig: {
        ...(onSuccess !== undefined ? { OnSuccess: { Destination: onSuccess } } : {}),
        ...(onFailure !== undefined ? { OnFailure: { Destination: onFailure } } : {}),
      },
    });
  }
  return settings;
}
