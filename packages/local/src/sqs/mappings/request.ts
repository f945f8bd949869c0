/**
 * The bodies of CreateEventSourceMapping and UpdateEventSourceMapping: parsed (a wrong type is
 * `SerializationException`), their model's constraints checked (`ValidationException`, every violation at once, in
 * AWS's words), and the fields that mean nothing for an SQS queue, or that the local runtime does not apply, refused.
 */
import { HttpError } from '../../http/errors.js';
import {
  MAX_BATCH_SIZE,
  MAX_BATCHING_WINDOW_SECONDS,
  MAX_MAXIMUM_CONCURRENCY,
  MIN_MAXIMUM_CONCURRENCY,
  REPORT_BATCH_ITEM_FAILURES,
} from './model.js';

/** The fields of a create or update request (all optional here; Create requires two of them). */
export interface MappingRequest {
  readonly EventSourceArn?: string | undefined;
  readonly FunctionName?: string | undefined;
  readonly Enabled?: boolean | undefined;
  readonly BatchSize?: number | undefined;
  readonly MaximumBatchingWindowInSeconds?: number | undefined;
  readonly FunctionResponseTypes?: readonly string[] | undefined;
  /** `null` inside: the setting removed (`ScalingConfig: {}` on update). */
  readonly ScalingConfig?: { readonly MaximumConcurrency: number | undefined } | undefined;
}

/** Fields AWS takes for other event sources (streams, Kafka, MQ, DocumentDB) or that are not applied locally. */
const NOT_FOR_SQS = [
  'StartingPosition',
  'StartingPositionTimestamp',
  'ParallelizationFactor',
  'DestinationConfig',
  'MaximumRecordAgeInSeconds',
  'BisectBatchOnFunctionError',
  'MaximumRetryAttempts',
  'TumblingWindowInSeconds',
  'Topics',
  'Queues',
  'SourceAccessConfigurations',
  'SelfManagedEventSource',
  'AmazonManagedKafkaEventSourceConfig',
  'SelfManagedKafkaEventSourceConfig',
  'DocumentDBEventSourceConfig',
];
const NOT_LOCAL = ['FilterCriteria', 'KMSKeyArn', 'MetricsConfig', 'ProvisionedPollerConfig'];

/**
 * Parses and checks a request body.
 *
 * @example
 * parseMappingRequest(Buffer.from('{"FunctionName":"f","EventSourceArn":"arn:aws:sqs:us-east-1:000000000000:q"}'));
 */
export function parseMappingRequest(body: Buffer): MappingRequest {
  let parsed: unknown;
  try {
    parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
  }
  const raw = parsed as Record<string, unknown>;
  for (const field of NOT_FOR_SQS) {
    if (raw[field] !== undefined && raw[field] !== null) {
      throw new HttpError(400, 'InvalidParameterValueException', `Unsupported ${field} for an SQS event source.`);
    }
  }
  for (const field of NOT_LOCAL) {
    if (raw[field] !== undefined && raw[field] !== null) {
      throw new HttpError(
        400,
        'InvalidParameterValueException',
        `${field} is not supported by the local runtime's event source mappings (docs/design/events.md).`,
      );
    }
  }
  const request: MappingRequest = {
    EventSourceArn: string(raw.EventSourceArn, 'EventSourceArn'),
    FunctionName: string(raw.FunctionName, 'FunctionName'),
    Enabled: boolean(raw.Enabled, 'Enabled'),
    BatchSize: integer(raw.BatchSize, 'BatchSize'),
    MaximumBatchingWindowInSeconds: integer(raw.MaximumBatchingWindowInSeconds, 'MaximumBatchingWindowInSeconds'),
    FunctionResponseTypes: strings(raw.FunctionResponseTypes, 'FunctionResponseTypes'),
    ScalingConfig: scaling(raw.ScalingConfig),
  };
  validate(request);
  return request;
}

function validate(request: MappingRequest): void {
  const problems: string[] = [];
  const range = (value: number | undefined, member: string, min: number, max: number): void => {
    if (value === undefined) return;
    if (value < min) problems.push(violation(value, member, `greater than or equal to ${min}`));
    if (value > max) problems.push(violation(value, member, `less than or equal to ${max}`));
  };
  range(request.BatchSize, 'batchSize', 1, MAX_BATCH_SIZE);
  range(request.MaximumBatchingWindowInSeconds, 'maximumBatchingWindowInSeconds', 0, MAX_BATCHING_WINDOW_SECONDS);
  range(
    request.ScalingConfig?.MaximumConcurrency,
    'scalingConfig.maximumConcurrency',
    MIN_MAXIMUM_CONCURRENCY,
    MAX_MAXIMUM_CONCURRENCY,
  );
  const types = request.FunctionResponseTypes ?? [];
  if (types.length > 1 || types.some((type) => type !== REPORT_BATCH_ITEM_FAILURES)) {
    problems.push(
      `Value '[${types.join(', ')}]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${REPORT_BATCH_ITEM_FAILURES}]]`,
    );
  }
  if (request.FunctionName !== undefined && (request.FunctionName.length < 1 || request.FunctionName.length > 140)) {
    problems.push(
      `Value '${request.FunctionName}' at 'functionName' failed to satisfy constraint: Member must have length between 1 and 140`,
    );
  }
  if (problems.length > 0) {
    throw new HttpError(
      400,
      'ValidationException',
      `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
    );
  }
}

function violation(value: number, member: string, constraint: string): string {
  return `Value '${value}' at '${member}' failed to satisfy constraint: Member must have value ${constraint}`;
}

function typeError(field: string, value: unknown): HttpError {
  return new HttpError(400, 'SerializationException', `Value ${JSON.stringify(value)} of ${field} has the wrong type`);
}

function string(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw typeError(field, value);
  return value;
}

function boolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw typeError(field, value);
  return value;
}

function integer(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(field, value);
  return value;
}

function strings(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw typeError(field, value);
  return value as string[];
}

function scaling(value: unknown): MappingRequest['ScalingConfig'] {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw typeError('ScalingConfig', value);
  return {
    MaximumConcurrency: integer(
      (value as Record<string, unknown>).MaximumConcurrency,
      'ScalingConfig.MaximumConcurrency',
    ),
  };
}
