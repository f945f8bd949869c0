import { describe, expect, it } from 'vitest';
import { parseDeployedName } from './resolve-name.js';

describe('parseDeployedName', () => {
  it('recovers stage, service and function from a deployed name by its hash', () => {
    expect(parseDeployedName('dev-records-get-27ab43')).toEqual({ stage: 'dev', service: 'records', fn: 'get' });
    expect(parseDeployedName('dev-records-getUrl-315f5b')).toEqual({ stage: 'dev', service: 'records', fn: 'getUrl' });
  });

  it('rejects names that are not ours (wrong hash, too few parts)', () => {
    expect(parseDeployedName('dev-records-get-000000')).toBeUndefined();
    expect(parseDeployedName('my-function')).toBeUndefined();
    expect(parseDeployedName('get')).toBeUndefined();
  });
});
