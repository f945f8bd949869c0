/**
 * The state folder: where SSM parameters, DynamoDB data, the events and the SQS queues live between runs.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Where each kind of state lives; all undefined when ephemeral (in memory). */
export interface StatePaths {
  /** The state folder, or undefined when ephemeral. */
  readonly root: string | undefined;
  /** `<root>/ssm.json`. */
  readonly ssmFile: string | undefined;
  /** `<root>/dynamodb` (dynalite's LevelDB). */
  readonly dynamoDbPath: string | undefined;
  /** `<root>/events`: the durable queue of asynchronous invocations and the event invoke configs. */
  readonly eventsDir: string | undefined;
  /** `<root>/sqs`: the SQS queues (`queues.json`) and their messages (a log per queue). */
  readonly sqsDir: string | undefined;
}

/** Options of resolveState. */
export interface StateOptions {
  /** The (first) service dir: the default state folder is `<dir>/.lambdaport`. */
  readonly dir: string;
  /** An explicit state folder (`--state DIR`). */
  readonly state?: string | undefined;
  /** Keep everything in memory (`--ephemeral`). */
  readonly ephemeral?: boolean | undefined;
}

/**
 * Resolves (and creates) the state folder. `state` and `ephemeral` together are an error.
 *
 * @example
 * resolveState({ dir: 'examples/records' });
 * // { root: '/…/examples/records/.lambdaport', ssmFile: '…/ssm.json', dynamoDbPath: '…/dynamodb', eventsDir: '…/events',
 * //   sqsDir: '…/sqs' }
 * resolveState({ dir: 'examples/records', ephemeral: true }); // all undefined
 */
export function resolveState(options: StateOptions): StatePaths {
  if (options.ephemeral && options.state !== undefined) {
    throw new Error('--state and --ephemeral cannot be used together: state is either kept in a folder or in memory');
  }
  if (options.ephemeral) {
    return { root: undefined, ssmFile: undefined, dynamoDbPath: undefined, eventsDir: undefined, sqsDir: undefined };
  }
  const root = path.resolve(options.state ?? path.join(options.dir, '.lambdaport'));
  mkdirSync(root, { recursive: true });
  return {
    root,
    ssmFile: path.join(root, 'ssm.json'),
    dynamoDbPath: path.join(root, 'dynamodb'),
    eventsDir: path.join(root, 'events'),
    sqsDir: path.join(root, 'sqs'),
  };
}
