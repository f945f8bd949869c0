import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deployedName, functionArn, parameterName, tableName } from './index.js';

describe('names', () => {
  it('builds deployed names from stage, service, function and a stable 6-hex hash', () => {
    const hash = createHash('sha256').update('dev/records/get').digest('hex').slice(0, 6);

    const name = deployedName('dev', 'records', 'get');

    expect(name).toBe(`dev-records-get-${hash}`);
    expect(deployedName('dev', 'records', 'get')).toBe(name);
    expect(deployedName('prod', 'records', 'get')).not.toBe(name);
  });

  it('builds ARNs, table names and SSM parameter names', () => {
    expect(functionArn('us-east-1', '000000000000', 'dev-records-get-abcdef')).toBe(
      'arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-abcdef',
    );
    expect(tableName('dev', 'records', 'records')).toBe('dev-records-records');
    expect(parameterName('dev', 'records', 'get')).toBe('/lambdaport/dev/records/get');
  });
});
