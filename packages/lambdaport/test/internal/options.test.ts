/**
 * The default of `validateOutput`: on wherever a wrong output should show (tests of any runner, scripts,
 * `lambdaport dev`, which sets `LAMBDAPORT_VALIDATE_OUTPUT=1`), off where every call would pay for it (AWS Lambda,
 * `NODE_ENV=production`), and the explicit variable first.
 */
import { describe, expect, it } from 'vitest';
import { validateOutputDefault } from '../../src/internal/options.js';

const IN_LAMBDA = { AWS_LAMBDA_FUNCTION_NAME: 'prod-records-get-27ab43' };

describe('validateOutputDefault', () => {
  it.each([
    ['no variables at all (a unit test under node:test, a script)', true, {}],
    ['NODE_ENV=test (vitest, jest)', true, { NODE_ENV: 'test' }],
    ['NODE_ENV=development', true, { NODE_ENV: 'development' }],
    ['NODE_ENV=production', false, { NODE_ENV: 'production' }],
    ['in AWS Lambda', false, IN_LAMBDA],
    ['in AWS Lambda with NODE_ENV=development', true, { ...IN_LAMBDA, NODE_ENV: 'development' }],
    [
      'under lambdaport dev (it sets LAMBDAPORT_VALIDATE_OUTPUT=1)',
      true,
      { ...IN_LAMBDA, LAMBDAPORT_VALIDATE_OUTPUT: '1' },
    ],
    [
      'LAMBDAPORT_VALIDATE_OUTPUT=true over NODE_ENV=production',
      true,
      { NODE_ENV: 'production', LAMBDAPORT_VALIDATE_OUTPUT: 'true' },
    ],
    ['LAMBDAPORT_VALIDATE_OUTPUT=0 in a test', false, { NODE_ENV: 'test', LAMBDAPORT_VALIDATE_OUTPUT: '0' }],
    ['LAMBDAPORT_VALIDATE_OUTPUT=false', false, { LAMBDAPORT_VALIDATE_OUTPUT: 'false' }],
  ])('%s → %s', (_case, expected, env) => {
    expect(validateOutputDefault(env)).toBe(expected);
  });
});
