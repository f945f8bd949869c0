/** A config table as DynamoDB creates it: on demand, point-in-time recovery on, its stage-aware name. */
import type { LocalKeyAttribute, LocalTable } from '@lambdaport/config';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { RemovalPolicy } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';

const TYPES: Readonly<Record<LocalKeyAttribute['type'], AttributeType>> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
};

/**
 * Creates the table `<stage>-<service>-<table>`. `removalPolicy` defaults to RETAIN: deleting the stack keeps the data.
 *
 * @example
 * serviceTable(this, records.tables[0]!, RemovalPolicy.RETAIN);
 */
export function serviceTable(
  scope: Construct,
  table: LocalTable,
  removalPolicy: RemovalPolicy = RemovalPolicy.RETAIN,
): Table {
  return new Table(scope, `Table-${table.name}`, {
    tableName: table.tableName,
    partitionKey: { name: table.partitionKey.name, type: TYPES[table.partitionKey.type] },
    ...(table.sortKey === undefined ? {} : { sortKey: { name: table.sortKey.name, type: TYPES[table.sortKey.type] } }),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy,
  });
}
