/**
 * Where an asynchronous invocation's outcome goes: `OnSuccess` / `OnFailure` destinations (they receive the
 * invocation record) and a dead-letter target (it receives only the event). Today a destination is another
 * function; the SQS queues and EventBridge buses of the next issue implement {@link DestinationTarget} and register
 * a {@link DestinationResolver} for their ARNs.
 */

/** One destination: something that durably takes a message. */
export interface DestinationTarget {
  /** The ARN it was configured by. */
  readonly arn: string;
  /** Hands the message over; resolves once the target holds it durably (then the event is marked done). */
  deliver(message: Buffer): Promise<void>;
}

/** Turns a destination ARN into a target; undefined when it names nothing this runtime serves. */
export type DestinationResolver = (arn: string) => DestinationTarget | undefined;

/**
 * Tries each resolver in turn (functions first, then queues and buses once they exist).
 *
 * @example
 * const resolve = chainResolvers([functionDestinations(registry, queue), queueDestinations(sqs)]);
 * const target = resolve('arn:aws:lambda:us-east-1:000000000000:function:dev-orders-audit-1a2b3c');
 */
export function chainResolvers(resolvers: readonly DestinationResolver[]): DestinationResolver {
  return (arn) => {
    for (const resolve of resolvers) {
      const target = resolve(arn);
      if (target !== undefined) return target;
    }
    return undefined;
  };
}
