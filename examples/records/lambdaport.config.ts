import { defineConfig } from 'lambdaport/config';

/**
 * The records service. Locally the table is created as `<stage>-<service>-<table>` (`dev-records-records`) and seeded
 * from data/records.json (items with a string `id`, the seed service's key type).
 */
export default defineConfig({
  service: 'records',
  functions: {
    get: {
      handler: 'src/handlers.ts#handler',
      description: 'records.get over the Invoke API',
      timeout: 3,
      memorySize: 256,
      environment: { RECORDS_TABLE: 'dev-records-records' },
      calls: [],
    },
    getUrl: {
      handler: 'src/handlers.ts#urlHandler',
      description: 'records.get over a Function URL: GET /?id=1',
      url: { authType: 'NONE' },
      environment: { RECORDS_TABLE: 'dev-records-records' },
      calls: [],
    },
  },
  tables: {
    records: { partitionKey: { name: 'id', type: 'S' }, seed: 'data/records.json' },
  },
});
