/**
 * The Powertools Logger lambdaport logs failures with: the caller's own, or one shared default made on first use.
 */
import { Logger } from '@aws-lambda-powertools/logger';

let shared: Logger | undefined;

/** The default logger, made on first use (so importing lambdaport logs and allocates nothing). */
export function defaultLogger(): Logger {
  if (!shared) {
    const serviceName = process.env.POWERTOOLS_SERVICE_NAME || process.env.AWS_LAMBDA_FUNCTION_NAME || 'lambdaport';
    shared = new Logger({ serviceName });
  }
  return shared;
}
