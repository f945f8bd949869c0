/**
 * The calls the runtime has seen, counted by caller, callee and invocation type: what `lambdaport graph` compares with
 * the declared `calls`. The caller is the function whose role signed the request (docs/design/iam.md), else the
 * deployed name the typed client sends in the client context (`custom.caller`); a call from the developer's key
 * without one (the AWS CLI, a test) has no caller.
 */

/** One kind of call seen, and how many times. */
export interface ObservedCall {
  /** Deployed name of the calling function, or undefined when the request did not say. */
  readonly caller: string | undefined;
  /** Deployed name of the function called. */
  readonly function: string;
  /** The version that ran (`$LATEST`, `1`). */
  readonly version: string;
  readonly invocationType: 'RequestResponse' | 'Event';
  readonly count: number;
}

/** What the runtime is told of each invocation it accepts. */
export interface InvocationSeen {
  readonly function: string;
  readonly version: string;
  readonly invocationType: 'RequestResponse' | 'Event';
  /** `X-Amz-Client-Context` as sent (base64 of JSON), if any. */
  readonly clientContext: string | undefined;
  /** Deployed name of the function whose role signed the request, if a function's did. */
  readonly signedBy?: string | undefined;
}

/** The record of calls. */
export interface ObservedCalls {
  record(invocation: InvocationSeen): void;
  /** Every kind of call seen, in the order first seen. */
  list(): ObservedCall[];
}

/**
 * The caller named by a client context (`custom.caller`), or undefined.
 *
 * @example
 * callerOf(Buffer.from('{"custom":{"caller":"dev-orders-create-1a2b3c"}}').toString('base64')) // 'dev-orders-create-1a2b3c'
 */
export function callerOf(clientContext: string | undefined): string | undefined {
  if (clientContext === undefined || clientContext === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(clientContext, 'base64').toString('utf8'));
    const custom = (value as { custom?: unknown } | null)?.custom;
    const caller = (custom as { caller?: unknown } | null | undefined)?.caller;
    return typeof caller === 'string' && caller !== '' ? caller : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A new, empty record.
 *
 * @example
 * const calls = createObservedCalls();
 * calls.record({ function: 'dev-records-get-1a2b3c', version: '1', invocationType: 'RequestResponse', clientContext });
 * calls.list() // [{ caller: 'dev-orders-create-4d5e6f', function: 'dev-records-get-1a2b3c', ..., count: 1 }]
 */
export function createObservedCalls(): ObservedCalls {
  const counts = new Map<string, { call: Omit<ObservedCall, 'count'>; count: number }>();
  return {
    record(invocation) {
      const caller = invocation.signedBy ?? callerOf(invocation.clientContext);
      const key = JSON.stringify([caller, invocation.function, invocation.version, invocation.invocationType]);
      const entry = counts.get(key);
      if (entry !== undefined) {
        entry.count++;
        return;
      }
      const { function: fn, version, invocationType } = invocation;
      counts.set(key, { call: { caller, function: fn, version, invocationType }, count: 1 });
    },
    list() {
      return [...counts.values()].map(({ call, count }) => ({ ...call, count }));
    },
  };
}
