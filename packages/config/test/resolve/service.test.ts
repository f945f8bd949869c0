/**
 * Resolution: references to stage-correct names, calls to the alias of the function serving the major called, table
 * grants, contracts, and the settings each major's function carries.
 */
import path from 'node:path';
import { deployedName, olderMajorDeployedName } from 'lambdaport/names';
import { describe, expect, it } from 'vitest';
import { type LocalFunction, loadServices } from '../../src/index.js';
import { tempService } from '../support/issues.js';

const files = {
  'src/handlers.ts': 'export const handler = async () => 1;\n',
  'src/contract.ts': 'export const getRecord = {};\n',
};
const h = { handler: 'src/handlers.ts#handler' };
const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';

function serviceWith(config: object): string {
  return tempService({ ...files, 'lambdaport.config.json': JSON.stringify(config) });
}

const records = {
  service: 'records',
  functions: {
    get: {
      ...h,
      contract: 'src/contract.ts#getRecord',
      version: 2,
      timeout: 7,
      memorySize: 512,
      reservedConcurrency: 3,
      url: { authType: 'NONE' },
      environment: { RECORDS_TABLE: { table: 'records' }, MODE: 'current' },
      tables: { records: 'read' },
      calls: ['orders.create'],
      versions: {
        1: {
          handler: 'src/handlers.ts#handler',
          contract: 'src/contract.ts#getRecordV1',
          environment: { MODE: 'old' },
        },
      },
    },
  },
  tables: { records: { partitionKey: { name: 'id', type: 'S' } } },
};
const orders = {
  service: 'orders',
  functions: {
    create: {
      ...h,
      calls: ['records.get@v1', 'records.get', 'orders.create'],
      environment: { GETTER: { function: 'records.get' }, BILLING: { function: 'billing.charge' } },
    },
  },
};

async function load(stage?: string): Promise<LocalFunction[]> {
  const services = await loadServices(
    [serviceWith(records), serviceWith(orders)],
    stage === undefined ? {} : { stage },
  );
  return services.flatMap((service) => service.functions);
}

describe('resolving references', () => {
  it('gives { table } and { function } the names of the stage', async () => {
    const [get, , create] = await load('qa');

    expect(get!.versions.get('$LATEST')!.environment).toEqual({ RECORDS_TABLE: 'qa-records-records', MODE: 'current' });
    expect(create!.versions.get('1')!.environment).toEqual({
      GETTER: deployedName('qa', 'records', 'get'),
      BILLING: deployedName('qa', 'billing', 'charge'),
    });
  });

  it('resolves each call to the alias of the function serving the major called', async () => {
    const [, , create] = await load();
    const current = deployedName('dev', 'records', 'get');
    const older = olderMajorDeployedName('dev', 'records', 'get', 1);

    expect(create!.calls).toEqual([
      {
        entry: 'records.get@v1',
        friendlyName: 'records.get',
        service: 'records',
        function: 'get',
        pinned: true,
        major: 1,
        ssmPath: '/lambdaport/dev/records',
        deployedName: older,
        aliasArn: `${ARN}:${older}:v1`,
      },
      {
        entry: 'records.get',
        friendlyName: 'records.get',
        service: 'records',
        function: 'get',
        pinned: false,
        major: 2,
        ssmPath: '/lambdaport/dev/records',
        deployedName: current,
        aliasArn: `${ARN}:${current}:v2`,
      },
      expect.objectContaining({
        entry: 'orders.create',
        major: 1,
        aliasArn: `${ARN}:${deployedName('dev', 'orders', 'create')}:v1`,
      }),
    ]);
  });
});

describe('one function per major', () => {
  it("gives an older major the function's settings, grants and calls, its own handler, contract and environment, and no URL", async () => {
    const [get, getV1] = await load();
    const dir = get!.dir;

    expect(get).toMatchObject({
      major: 2,
      current: true,
      deployedName: deployedName('dev', 'records', 'get'),
      url: { authType: 'NONE' },
      contract: { file: path.join(dir, 'src/contract.ts'), exportName: 'getRecord' },
      configFile: path.join(dir, 'lambdaport.config.json'),
    });
    expect(getV1).toMatchObject({
      name: 'get',
      major: 1,
      current: false,
      deployedName: olderMajorDeployedName('dev', 'records', 'get', 1),
      url: undefined,
      contract: { file: path.join(dir, 'src/contract.ts'), exportName: 'getRecordV1' },
      timeoutSeconds: 7,
      memorySize: 512,
      reservedConcurrency: 3,
      lambdaRuntime: get!.lambdaRuntime,
    });
    expect(getV1!.versions.get('1')!.environment).toEqual({ RECORDS_TABLE: 'dev-records-records', MODE: 'old' });
    expect(getV1!.tables).toEqual(get!.tables);
    expect(get!.tables).toEqual([
      {
        table: 'records',
        tableName: 'dev-records-records',
        tableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/dev-records-records',
        access: 'read',
      },
    ]);
    expect(getV1!.calls).toEqual(get!.calls);
  });
});
