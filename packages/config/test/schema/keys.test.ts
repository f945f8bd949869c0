/**
 * Each key added for deploy, IAM and governance, good and bad input, with the exact words of each issue.
 */
import { friendlyNameProblem, functionNameProblem, serviceNameProblem, tableKeyProblem } from 'lambdaport/names';
import { describe, expect, it } from 'vitest';
import { issuesOf, ok } from '../support/issues.js';

const records = { partitionKey: { name: 'id', type: 'S' } };
/** A records service with one function `get` (extended by `fn`) and one table `records`. */
const service = (fn: Record<string, unknown>, tables: Record<string, unknown> = { records }) => ({
  service: 'records',
  functions: { get: { ...ok, ...fn } },
  tables,
});
const RUNTIMES = '"nodejs22.x", "nodejs24.x", "provided.al2023", "nodejs", "provided"';
const FILES = {
  'src/handlers.ts': 'export const handler = async () => 1;\n',
  'src/contract.ts': 'export const getRecord = {};\n',
  'native/bootstrap': '#!/bin/sh\n',
};

describe('$schema', () => {
  it('accepts the JSON Schema named by a JSON config, and nothing but a string', () => {
    const schema = './node_modules/@lambdaport/config/schema/lambdaport.config.schema.json';
    expect(issuesOf({ $schema: schema, ...service({}) })).toEqual([]);
    expect(issuesOf({ $schema: 1, ...service({}) })).toEqual([
      '$schema: expected the URL or path of the JSON Schema, got 1',
    ]);
  });
});

describe('runtime', () => {
  it('accepts the Lambda runtimes and the legacy forms', () => {
    for (const runtime of ['nodejs22.x', 'nodejs24.x', 'nodejs']) expect(issuesOf(service({ runtime }))).toEqual([]);
    for (const runtime of ['provided.al2023', 'provided']) {
      const found = issuesOf(service({ runtime, handler: 'native/bootstrap' }), FILES);
      // the fixture's bootstrap is not executable: that is the only issue, so the form was accepted
      expect(found).toEqual([
        'functions.get.handler: bootstrap file native/bootstrap is not executable (chmod +x native/bootstrap)',
      ]);
    }
  });

  it('refuses another runtime, and a Node handler for a provided runtime', () => {
    expect(issuesOf(service({ runtime: 'nodejs20.x' }))).toEqual([
      `functions.get.runtime: expected one of ${RUNTIMES}, got "nodejs20.x"`,
    ]);
    expect(issuesOf(service({ runtime: 'provided.al2023' }))).toEqual([
      'functions.get.handler: expected the path of an executable bootstrap file ("provided" runtime), got "src/handlers.ts#handler"',
    ]);
  });
});

describe('calls', () => {
  it('accepts <service>.<function> and <service>.<function>@v<N>', () => {
    expect(issuesOf(service({ calls: ['records.get', 'orders.create@v2', 'order-history.list-all@v12'] }))).toEqual([]);
  });

  it('refuses entries of another form, naming the entry', () => {
    expect(
      issuesOf(service({ calls: ['records.get@2', 'records.get@v0', 'Records.get', 'records.get_one', 3] })),
    ).toEqual([
      'functions.get.calls[0]: expected a call "<service>.<function>" or "<service>.<function>@v<N>", got "records.get@2"',
      'functions.get.calls[1]: expected a call "<service>.<function>" or "<service>.<function>@v<N>", got "records.get@v0"',
      `functions.get.calls[2]: friendly name "Records.get": ${serviceNameProblem('Records')}`,
      `functions.get.calls[3]: friendly name "records.get_one": ${functionNameProblem('get_one')}`,
      `functions.get.calls[4]: ${friendlyNameProblem(3)}`,
    ]);
    expect(issuesOf(service({ calls: 'records.get' }))).toEqual([
      'functions.get.calls: expected an array of calls ("<service>.<function>" or "<service>.<function>@v<N>"), got "records.get"',
    ]);
  });
});

describe("tables (a function's access)", () => {
  it('accepts read and read-write on tables of the service', () => {
    expect(issuesOf(service({ tables: { records: 'read' } }))).toEqual([]);
    expect(issuesOf(service({ tables: { records: 'read-write' } }))).toEqual([]);
  });

  it('refuses another access, a table of no service of its own, and a bad key or value', () => {
    expect(issuesOf(service({ tables: { records: 'write' } }))).toEqual([
      'functions.get.tables.records: expected one of "read", "read-write", got "write"',
    ]);
    expect(issuesOf(service({ tables: { other: 'read' } }))).toEqual([
      'functions.get.tables.other: "other" is not a table of this service (its tables: records)',
    ]);
    expect(issuesOf(service({ tables: { records: 'read' } }, {}))).toEqual([
      'functions.get.tables.records: "records" is not a table of this service (it has no tables)',
    ]);
    expect(issuesOf(service({ tables: { 'my table': 'read' } }))).toEqual([
      `functions.get.tables.my table: ${tableKeyProblem('my table')}`,
    ]);
    expect(issuesOf(service({ tables: 'records' }))).toEqual([
      'functions.get.tables: expected an object of table access ({ <table>: "read" | "read-write" }), got "records"',
    ]);
  });
});

describe('environment references', () => {
  it('accepts strings, a declared { table } and a { function }', () => {
    expect(
      issuesOf(
        service({
          environment: { PLAIN: 'x', TABLE: { table: 'records' }, OTHER: { function: 'orders.create' } },
          tables: { records: 'read' },
        }),
      ),
    ).toEqual([]);
  });

  it('requires the access to a referenced table to be declared, in the function and in its older majors', () => {
    expect(
      issuesOf(
        service({
          environment: { TABLE: { table: 'records' } },
          versions: { 1: { ...ok, environment: { OLD: { table: 'records' } } } },
          version: 2,
        }),
      ),
    ).toEqual([
      "functions.get.environment.TABLE: the function does not declare access to table \"records\": add tables: { records: 'read' } (or 'read-write') to functions.get",
      "functions.get.versions.1.environment.OLD: the function does not declare access to table \"records\": add tables: { records: 'read' } (or 'read-write') to functions.get",
    ]);
  });

  it('refuses a table the service does not have, and malformed references', () => {
    expect(
      issuesOf(
        service({
          environment: {
            NOPE: { table: 'nope' },
            TYPO: { tabel: 'records' },
            NUMBER: { table: 5 },
            HALF: { function: 'records' },
            BOTH: { table: 'records', function: 'records.get' },
            LIST: ['x'],
          },
          tables: { records: 'read' },
        }),
      ),
    ).toEqual([
      'functions.get.environment.NOPE: "nope" is not a table of this service (its tables: records)',
      'functions.get.environment.TYPO: expected a string value, { table: "<table>" } or { function: "<service>.<function>" }, got an object with keys tabel (did you mean "table"?)',
      'functions.get.environment.NUMBER: expected { table: a table name of this service }, got { table: 5 }',
      'functions.get.environment.HALF.function: expected a friendly name "<service>.<function>" (exactly one "."), got "records"',
      'functions.get.environment.BOTH: expected a string value, { table: "<table>" } or { function: "<service>.<function>" }, got an object with keys table, function',
      'functions.get.environment.LIST: expected a string value, { table: "<table>" } or { function: "<service>.<function>" }, got an array',
    ]);
  });
});

describe('contract', () => {
  it('accepts a module export inside the service dir (the module is not loaded)', () => {
    expect(issuesOf(service({ contract: 'src/contract.ts#getRecord' }), FILES)).toEqual([]);
    expect(
      issuesOf(service({ version: 2, versions: { 1: { ...ok, contract: 'src/contract.ts#getRecordV1' } } }), FILES),
    ).toEqual([]);
  });

  it('refuses another form, a missing file and a file outside the dir', () => {
    const found = issuesOf(
      service({
        contract: 'src/contract.ts',
        version: 2,
        versions: { 1: { ...ok, contract: 'src/missing.ts#getRecord' } },
      }),
      FILES,
    );
    expect(found).toEqual([
      'functions.get.contract: expected a contract "path/file.ts#export", got "src/contract.ts"',
      expect.stringMatching(/^functions\.get\.versions\.1\.contract: contract file src\/missing\.ts not found in \//),
    ]);
    expect(issuesOf(service({ contract: '../contract.ts#getRecord' }), FILES)).toEqual([
      expect.stringMatching(
        /^functions\.get\.contract: contract file \.\.\/contract\.ts is outside the service dir \/.*; expected a path inside it$/,
      ),
    ]);
  });
});

describe('versions (older majors, one function each)', () => {
  it('refuses an older major whose own deployed name would exceed 64 characters', () => {
    const name = 'f'.repeat(9);

    const found = issuesOf({
      service: 'v'.repeat(40),
      functions: { [name]: { ...ok, version: 2, versions: { 1: ok } } },
    });

    // dev-<40>-<9 f>-v1-<hash6> is exactly 64 characters; with a tenth f, 65
    expect(found).toEqual([]);
    expect(
      issuesOf({
        service: 'v'.repeat(40),
        functions: { [`${name}f`]: { ...ok, version: 2, versions: { 1: ok } } },
      }),
    ).toEqual([
      expect.stringMatching(
        /^functions\.f{10}\.versions\.1: the deployed name dev-v{40}-f{10}-v1-[0-9a-f]{6} of major 1 is 65 characters; Lambda allows at most 64/,
      ),
    ]);
  });
});

describe('async (event invoke config)', () => {
  it('accepts retries 0 to 2, an age of 60 to 21,600 s and function destinations', () => {
    expect(
      issuesOf(
        service({
          async: {
            maximumRetryAttempts: 0,
            maximumEventAgeInSeconds: 60,
            onSuccess: 'records.get',
            onFailure: 'orders.failed@v2',
          },
        }),
      ),
    ).toEqual([]);
    expect(issuesOf(service({ async: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21_600 } }))).toEqual([]);
    expect(issuesOf(service({ async: {} }))).toEqual([]);
  });

  it('refuses retries 3, an age of 30 s, a destination of another form and an unknown key', () => {
    expect(
      issuesOf(
        service({ async: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 30, onFailure: 'nowhere', retries: 1 } }),
      ),
    ).toEqual([
      'functions.get.async.maximumRetryAttempts: expected a whole number from 0 to 2, got 3',
      'functions.get.async.maximumEventAgeInSeconds: expected a whole number of seconds from 60 to 21600, got 30',
      `functions.get.async.onFailure: ${friendlyNameProblem('nowhere')}`,
      'functions.get.async.retries: unknown key; expected one of maximumRetryAttempts, maximumEventAgeInSeconds, onSuccess, onFailure',
    ]);
  });
});
