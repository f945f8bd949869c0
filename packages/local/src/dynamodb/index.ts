/**
 * DynamoDB, embedded: dynalite in process, config tables created and seeded at start.
 */
export {
  createDynamoDbService,
  DynamoDbCallError,
  type DynamoDbService,
  type DynamoDbServiceOptions,
  type TableSetup,
} from './service.js';
