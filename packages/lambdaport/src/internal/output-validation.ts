/**
 * Whether outputs are validated by default: one rule for the adapters, the direct call of an implementation, and the
 * check of a contract's examples by `defineFunction`.
 */

/**
 * Output validation's default, read from the environment when the adapter is made: `LAMBDAPORT_VALIDATE_OUTPUT`
 * (`1`/`true`, `0`/`false`) when set, which the local runtime does; else `NODE_ENV` when it is `production` (off),
 * `development` or `test` (on); else off in AWS Lambda (`AWS_LAMBDA_FUNCTION_NAME` is set there), where every call
 * would pay for it, and on everywhere else (unit tests under any runner, scripts), where a wrong output must show.
 */
export function validateOutputDefault(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.LAMBDAPORT_VALIDATE_OUTPUT;
  if (flag === '1' || flag === 'true') return true;
  if (flag === '0' || flag === 'false') return false;
  if (env.NODE_ENV === 'production') return false;
  if (env.NODE_ENV === 'development' || env.NODE_ENV === 'test') return true;
  return env.AWS_LAMBDA_FUNCTION_NAME === undefined || env.AWS_LAMBDA_FUNCTION_NAME === '';
}
