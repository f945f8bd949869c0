/**
 * The pollers of one enabled mapping: each reads a batch from the queue (up to `BatchSize`, waiting up to the
 * batching window; the batch goes when full, when the window ends, or when one more receive could take the event
 * past the 6 MB payload of a synchronous invocation), invokes the function synchronously with the SQS event, and
 * deletes what succeeded. A function error or timeout leaves the batch in flight: it comes back after the queue's
 * visibility timeout (then its redrive policy sends it to the dead-letter queue). A throttle puts the batch back at
 * once. One poller at first; one more each time a batch comes back full, up to the limit (the mapping's
 * `ScalingConfig.MaximumConcurrency`, the function's reserved concurrency, the local cap of environments); one fewer
 * each time a poller finds the queue empty.
 */
import { randomUUID } from 'node:crypto';
import { ConcurrencyLimitError, type Invoker, type LocalFunction } from '../../lambda/types.js';
import type { SqsOperationName } from '../service.js';
import { type Mapping, REPORT_BATCH_ITEM_FAILURES } from './model.js';
import { batchOutcome, type ReceivedMessage, sqsRecord } from './sqs-event.js';

/** The payload limit of a synchronous invocation (bytes). */
export const INVOKE_PAYLOAD_LIMIT = 6_291_456;
/** The most one record can take in the event: a 256 KB message and its record's fields. */
const MAX_RECORD_BYTES = 262_144 + 4_096;
/** SQS's most messages per ReceiveMessage (and per batch operation). */
const RECEIVE_MAX = 10;

/** The function and version a mapping invokes. */
export interface MappingTarget {
  readonly fn: LocalFunction;
  readonly version: string;
  /** What the function sees as `invokedFunctionArn`. */
  readonly invokedArn: string;
}

/** What the pollers need from the runtime. */
export interface PollerContext {
  /** SQS operations, in process. */
  run(operation: SqsOperationName, input: Record<string, unknown>): Promise<unknown>;
  readonly invoker: Invoker;
  /** The function and version the mapping invokes now; undefined while no such function is served. */
  target(mapping: Mapping): MappingTarget | undefined;
  readonly region: string;
  /** The local cap of concurrent environments of a function version. */
  readonly maxPollers: number;
  log(line: string): void;
}

/** The queue URL of a queue ARN (any host: the in-process operations read the name). */
export function queueUrlOf(queueArn: string): string {
  const [, , , , account, name] = queueArn.split(':');
  return `http://127.0.0.1/${account}/${name}`;
}

/**
 * The pollers of one mapping. Settings are read before each batch, so an update applies from the next one.
 *
 * @example
 * const pollers = new MappingPollers(context, () => store.get(uuid)!);
 * pollers.start();
 * await pollers.stop(); // no invocation left running
 */
export class MappingPollers {
  private stopped = false;
  private workers = 0;
  private readonly running = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private lastProblem: string | undefined;
  /** Throttles since the last invocation that ran (logged at the first). */
  private throttles = 0;

  constructor(
    private readonly context: PollerContext,
    private readonly mapping: () => Mapping,
  ) {}

  /** How many pollers run now. */
  get size(): number {
    return this.workers;
  }

  start(): void {
    if (this.workers === 0 && !this.stopped) this.spawn();
  }

  /** Stops polling; resolves when no poller runs (invocations under way finish, their batches are settled). */
  stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.sleepers) wake();
    return Promise.all([...this.running]).then(() => undefined);
  }

  private spawn(): void {
    this.workers++;
    const run = this.work().catch((error: unknown) => {
      this.context.log(`${this.label()}: a poller stopped on an unexpected error: ${(error as Error).stack ?? error}`);
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  private async work(): Promise<void> {
    try {
      while (!this.stopped) {
        const mapping = this.mapping();
        const target = this.context.target(mapping);
        if (target === undefined) {
          this.problem(`its function ${mapping.functionName} is not served; polling waits for it`);
          await this.pause(1_000);
          continue;
        }
        const limit = Math.min(
          mapping.maximumConcurrency ?? Number.POSITIVE_INFINITY,
          target.fn.reservedConcurrency ?? Number.POSITIVE_INFINITY,
          this.context.maxPollers,
        );
        if (limit === 0) {
          this.problem(`the reserved concurrency of ${mapping.functionName} is 0: every batch would be throttled`);
          await this.pause(1_000);
          continue;
        }
        if (this.workers > limit) return;
        const batch = await this.collect(mapping);
        if (batch === undefined) continue; // the queue could not be read (logged)
        if (this.stopped) {
          await this.release(mapping, batch);
          return;
        }
        if (batch.length === 0) {
          if (this.workers > 1) return;
          continue;
        }
        if (batch.length >= mapping.batchSize && this.workers < limit) this.spawn();
        const throttled = await this.process(mapping, target, batch);
        if (throttled) {
          if (this.workers > 1) return;
          await this.pause(500);
        }
      }
    } finally {
      this.workers--;
    }
  }

  /**
   * Reads one batch (undefined when the queue could not be read). With a batching window, the window opens when the
   * first message comes (at once on a busy queue: after the previous invocation) and the batch goes when it closes,
   * when it is full, or at the payload limit; without one, the first receive that brings messages is the batch.
   */
  private async collect(mapping: Mapping): Promise<ReceivedMessage[] | undefined> {
    const messages: ReceivedMessage[] = [];
    let bytes = 0;
    const windowMs = mapping.maximumBatchingWindowInSeconds * 1000;
    let end = Number.POSITIVE_INFINITY;
    let closing = false; // the window's end was waited for: one last receive
    while (!this.stopped) {
      const room = Math.floor((INVOKE_PAYLOAD_LIMIT - bytes) / MAX_RECORD_BYTES);
      const want = Math.min(RECEIVE_MAX, mapping.batchSize - messages.length, room);
      if (want <= 0) break;
      if (messages.length > 0 && (windowMs === 0 || (Date.now() >= end && !closing))) break;
      // long polling in slices of a second (a stop is seen within one); the window's last second without waiting
      const wait = !closing && end - Date.now() >= 1_000 ? 1 : 0;
      let got: ReceivedMessage[];
      try {
        const output = (await this.context.run('ReceiveMessage', {
          QueueUrl: queueUrlOf(mapping.eventSourceArn),
          MaxNumberOfMessages: want,
          WaitTimeSeconds: wait,
          AttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        })) as { Messages?: ReceivedMessage[] };
        got = output.Messages ?? [];
        this.lastProblem = undefined;
      } catch (error) {
        this.problem(`ReceiveMessage failed: ${(error as Error).message}`);
        await this.release(mapping, messages);
        await this.pause(1_000);
        return undefined;
      }
      if (got.length > 0 && messages.length === 0) end = Date.now() + windowMs;
      for (const message of got) {
        messages.push(message);
        bytes += Buffer.byteLength(JSON.stringify(message)) + 512;
      }
      if (closing) break;
      if (wait === 0 && got.length === 0 && end > Date.now()) {
        await this.pause(end - Date.now());
        closing = true;
      }
    }
    return messages;
  }

  /** Invokes the function with the batch and settles it; true when the invocation was throttled. */
  private async process(mapping: Mapping, target: MappingTarget, batch: ReceivedMessage[]): Promise<boolean> {
    const event = { Records: batch.map((m) => sqsRecord(m, mapping.eventSourceArn, this.context.region)) };
    let result: Awaited<ReturnType<Invoker['invoke']>>;
    try {
      result = await this.context.invoker.invoke(target.fn, target.version, {
        requestId: randomUUID(),
        payload: Buffer.from(JSON.stringify(event)),
        clientContext: undefined,
        invokedFunctionArn: target.invokedArn,
        tail: false,
      });
    } catch (error) {
      if (error instanceof ConcurrencyLimitError) {
        if (this.throttles++ === 0) {
          this.context.log(
            `${this.label()}: throttled (the reserved concurrency of ${target.fn.deployedName} is used up): the batch goes back to the queue and is tried again`,
          );
        }
        await this.release(mapping, batch);
        return true;
      }
      this.context.log(
        `${this.label()}: the invocation failed (${(error as Error).message}); the ${batch.length} messages come back after the visibility timeout`,
      );
      return false;
    }
    this.throttles = 0;
    const ids = batch.map((m) => m.MessageId);
    if (result.functionError !== undefined) {
      this.context.log(
        `${this.label()}: the function failed (${errorLine(result.payload)}); the ${batch.length} messages come back after the visibility timeout`,
      );
      return false;
    }
    const outcome = batchOutcome(
      result.payload,
      ids,
      mapping.functionResponseTypes.includes(REPORT_BATCH_ITEM_FAILURES),
    );
    if (outcome.kind === 'failure') {
      this.context.log(
        `${this.label()}: invalid batch response (${outcome.reason}): the whole batch of ${batch.length} comes back after the visibility timeout`,
      );
      return false;
    }
    const done = outcome.kind === 'partial' ? batch.filter((m) => !outcome.failed.has(m.MessageId)) : batch;
    await this.settle(mapping, 'DeleteMessageBatch', done, {});
    return false;
  }

  /** Makes messages visible again at once (a throttle, a stop while collecting). */
  private release(mapping: Mapping, messages: readonly ReceivedMessage[]): Promise<void> {
    return this.settle(mapping, 'ChangeMessageVisibilityBatch', messages, { VisibilityTimeout: 0 });
  }

  private async settle(
    mapping: Mapping,
    operation: 'DeleteMessageBatch' | 'ChangeMessageVisibilityBatch',
    messages: readonly ReceivedMessage[],
    fields: Record<string, unknown>,
  ): Promise<void> {
    for (let at = 0; at < messages.length; at += RECEIVE_MAX) {
      const entries = messages
        .slice(at, at + RECEIVE_MAX)
        .map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle, ...fields }));
      try {
        await this.context.run(operation, { QueueUrl: queueUrlOf(mapping.eventSourceArn), Entries: entries });
      } catch (error) {
        this.context.log(`${this.label()}: ${operation} failed: ${(error as Error).message}`);
      }
    }
  }

  /** Waits `ms`, or less when stopped. */
  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** Logs a problem once (until polling works again). */
  private problem(text: string): void {
    if (this.lastProblem === text) return;
    this.lastProblem = text;
    this.context.log(`${this.label()}: ${text}`);
  }

  private label(): string {
    const mapping = this.mapping();
    const queue = mapping.eventSourceArn.split(':').pop();
    return `event source mapping ${mapping.uuid} (${queue} → ${mapping.functionName})`;
  }
}

/** `ErrorType: message` of a function error's payload. */
function errorLine(payload: Buffer): string {
  try {
    const error = JSON.parse(payload.toString('utf8')) as { errorType?: string; errorMessage?: string };
    return `${error.errorType ?? 'Error'}: ${error.errorMessage ?? ''}`;
  } catch {
    return payload.toString('utf8').slice(0, 200);
  }
}
