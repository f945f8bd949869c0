/**
 * The patterns of the config's `subscribe` entries, checked with the matcher the rules use: a pattern EventBridge
 * would refuse is a config error naming the file and the key path of the fault, before anything is served.
 */
import type { ConfigIssue } from '@lambdaport/config';
import { compilePattern, InvalidEventPatternError } from '../events/index.js';
import type { LocalFunction } from '../lambda/types.js';

/**
 * The problems of the functions' subscription patterns (none: every pattern compiles).
 *
 * @example
 * const issues = subscriptionPatternIssues(functions);
 * if (issues.length > 0) throw new ConfigError(issues);
 */
export function subscriptionPatternIssues(functions: readonly LocalFunction[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const fn of functions) {
    for (const subscription of fn.subscriptions) {
      try {
        compilePattern(JSON.stringify(subscription.pattern));
      } catch (error) {
        if (!(error instanceof InvalidEventPatternError)) throw error;
        // an `event` entry's pattern is { source, detail-type, detail }: only its `detail` comes from the config
        const inConfig = subscription.event === undefined ? `pattern.${error.path}` : error.path;
        const where = error.path === '' ? subscription.keyPath : `${subscription.keyPath}.${inConfig}`;
        issues.push({
          file: fn.configFile,
          path: where,
          message: `not a valid event pattern (EventBridge would answer InvalidEventPatternException): ${error.reason}`,
        });
      }
    }
  }
  return issues;
}
