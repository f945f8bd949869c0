import { defineConfig } from 'lambdaport/config';

/**
 * The records service. The table is created as `<stage>-<service>-<table>` (`dev-records-records`, `qa-records-records`
 * with `--stage qa`) and seeded from data/records.json (items with a string `id`, the seed service's key type). The
 * functions get its stage-correct name in `RECORDS_TABLE` from the `{ table: 'records' }` reference, and read access
 * to it from `tables`.
 */
export default defineConfig({
  service: 'records',
  functions: {
    get: {
      handler: 'src/handlers.ts#handler',
      contract: 'src/contract.ts#getRecord',
      description: 'records.get over the Invoke API',
      timeout: 3,
      memorySize: 256,
      environment: { RECORDS_TABLE: { table: 'records' } },
      tables: { records: 'read' },
      calls: [],
    },
    getUrl: {
      handler: 'src/handlers.ts#urlHandler',
      contract: 'src/contract.ts#getRecord',
      description: 'records.get over a Function URL: GET /?id=1',
      url: { authType: 'NONE' },
      environment: { RECORDS_TABLE: { table: 'records' } },
      tables: { records: 'read' },
      calls: [],
    },
  },
  tables: {
    records: { partitionKey: { name: 'id', type: 'S' }, seed: 'data/records.json' },
  },
});
