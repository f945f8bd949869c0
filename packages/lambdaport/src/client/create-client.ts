/**
 * `createClient(contract)`: a typed, guarded caller of one function over the Lambda Invoke API.
 * See docs/design/client.md.
 */
import {
  InvokeCommand,
  type InvokeCommandInput,
  type InvokeCommandOutput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { CircuitState, isBrokenCircuitError, isBulkheadRejectedError } from 'cockatiel';
import { type AnyContract, type ContractInput, type ContractOutput, checkKeys } from '../contract.js';
import { InvalidRequestError, InvalidResponseError } from '../errors.js';
import { CallPolicy, planRetry } from '../internal/call-policy.js';
import { describeIssues } from '../internal/describe-issues.js';
import { validate } from '../internal/schema.js';
import { aliasName } from '../names.js';
import { defaultRegistry } from '../registry/default-registry.js';
import type { Registry, ResolvedFunction } from '../registry/types.js';
import { decodeFunctionError } from '../wire.js';
import { callerName, encodeClientContext } from './client-context.js';
import { budgetMs, type CallerContext, CallScope, DEADLINE_DEFAULTS } from './deadline.js';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  DeadlineExceededError,
  type ErrorOrigin,
  FunctionNotFoundError,
  InvocationAbortedError,
  PayloadTooLargeError,
  withOrigin,
} from './errors.js';
import { oversize, PAYLOAD_LIMITS } from './payload.js';
import type { BreakerOptions, BulkheadOptions, RetryOptions } from './policies.js';
import { fromSdkError } from './sdk-errors.js';
import { sharedLambdaClient } from './shared-lambda-client.js';

/** Options of `createClient`. */
export interface ClientOptions {
  /** The SDK client (default: one per process with `maxAttempts: 1`). Pass one made with `maxAttempts: 1`. */
  lambda?: LambdaClient;
  /** Resolves the friendly name (default: env overrides over SSM, for `stage`). */
  registry?: Registry;
  /** The stage of the default registry (default `LAMBDAPORT_STAGE`, else `dev`). Ignored when `registry` is given. */
  stage?: string;
  /** Deadline of every call unless the call says otherwise (default 10 s; capped by a caller `ctx`). */
  timeoutMs?: number;
  /** Kept back from a caller `ctx`'s remaining time (default 250 ms). */
  marginMs?: number;
  /** Retries of safe failures (default 2 retries); `false` for none. */
  retry?: RetryOptions | false;
  /** The circuit breaker of this target (default on: 5 consecutive failures, 5 s open); `false` for none. */
  breaker?: BreakerOptions | false;
  /** At most `limit` concurrent calls (and `queue` waiting); default none. */
  bulkhead?: BulkheadOptions;
  /** Validate the callee's output against the contract (default true). */
  validateOutput?: boolean;
}

/** Options of one call. */
export interface CallOptions {
  /** Abandons the call when it fires (`InvocationAbortedError`). */
  signal?: AbortSignal;
  /** This call's deadline in ms (`DeadlineExceededError`), capped by `ctx`'s remaining time. */
  timeoutMs?: number;
  /** The caller's invocation: lambdaport's `ctx`, or the Lambda context. Gives deadline, signal, correlation id. */
  ctx?: CallerContext;
  /** Sent in the client context so the callee logs it (default `ctx.correlationId`). */
  correlationId?: string;
}

/** What `invokeWithMetadata` returns. */
export interface InvokeResult<Out> {
  output: Out;
  /** The version that ran (`X-Amz-Executed-Version`). */
  executedVersion: string | undefined;
  /** Lambda's request id of the call. */
  requestId: string | undefined;
  target: ResolvedFunction;
}

/** What `send` (`Event`) and `dryRun` (`DryRun`) return. */
export interface Acknowledgement {
  /** 202 for `send`, 204 for `dryRun`. */
  statusCode: number;
  requestId: string | undefined;
  target: ResolvedFunction;
}

/** The state of a client's circuit breaker. */
export type CircuitStateName = 'closed' | 'open' | 'half-open' | 'isolated' | 'none';

/** A typed client of one function contract. */
export interface Client<C extends AnyContract> {
  readonly contract: C;
  /** Calls the function and returns its typed output, or throws a typed error. */
  invoke(input: ContractInput<C>, options?: CallOptions): Promise<ContractOutput<C>>;
  /** `invoke`, with the executed version and request id. */
  invokeWithMetadata(input: ContractInput<C>, options?: CallOptions): Promise<InvokeResult<ContractOutput<C>>>;
  /** Sends the input as an asynchronous `Event` invocation (202): for mutations whose result the caller needs not. */
  send(input: ContractInput<C>, options?: CallOptions): Promise<Acknowledgement>;
  /** A `DryRun` invocation (204): checks that the function exists and may be called. */
  dryRun(options?: CallOptions): Promise<Acknowledgement>;
  /** The circuit breaker's state (`none` without a breaker). */
  readonly circuitState: CircuitStateName;
}

type Kind = 'RequestResponse' | 'Event' | 'DryRun';

const CLIENT_KEYS = [
  'lambda',
  'registry',
  'stage',
  'timeoutMs',
  'marginMs',
  'retry',
  'breaker',
  'bulkhead',
  'validateOutput',
] as const;

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

const utf8 = new TextDecoder();

/**
 * A typed client of one function. Make it once (module level) and reuse it: its circuit breaker and bulkhead are
 * per client, so per target.
 *
 * @example
 * const records = createClient(getRecord);
 * const record = await records.invoke({ id: 42 }, { ctx });   // typed output
 * try { await records.invoke({ id: 999 }); } catch (e) { if (RecordNotFound.is(e)) console.log(e.data.id); }
 */
export function createClient<C extends AnyContract>(contract: C, options: ClientOptions = {}): Client<C> {
  if (typeof contract !== 'object' || contract === null || contract.kind !== 'lambdaport.function') {
    throw new TypeError('createClient: the first argument must be a contract made by defineFunction');
  }
  const where = `createClient(${contract.name})`;
  checkKeys(where, options, CLIENT_KEYS);
  for (const key of ['timeoutMs', 'marginMs'] as const) {
    const v = options[key];
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) throw new TypeError(`${where}: ${key} must be a number ≥ 0`);
  }
  if (options.retry)
    checkKeys(`${where} retry`, options.retry, ['retries', 'initialDelayMs', 'maxDelayMs', 'minAttemptMs']);
  if (options.breaker) checkKeys(`${where} breaker`, options.breaker, ['threshold', 'halfOpenAfterMs']);
  if (options.bulkhead) {
    checkKeys(`${where} bulkhead`, options.bulkhead, ['limit', 'queue']);
    if (!Number.isInteger(options.bulkhead.limit) || options.bulkhead.limit < 1) {
      throw new TypeError(`${where}: bulkhead.limit must be a positive integer`);
    }
  }

  const name = contract.name;
  const version = contract.version;
  const base: ErrorOrigin = Object.freeze({ functionName: name, version });
  const registry = options.registry ?? defaultRegistry(options.stage);
  const marginMs = options.marginMs ?? DEADLINE_DEFAULTS.marginMs;
  const validateOutput = options.validateOutput ?? true;
  const policy = new CallPolicy({ retry: options.retry, breaker: options.breaker, bulkhead: options.bulkhead });
  let lambda = options.lambda;
  let lastTarget: ResolvedFunction | undefined;
  let lastOrigin: ErrorOrigin = base;

  const originOfTarget = (target: ResolvedFunction): ErrorOrigin => {
    if (target !== lastTarget) {
      lastTarget = target;
      lastOrigin = Object.freeze({
        functionName: name,
        version,
        target: target.functionName,
        qualifier: target.qualifier,
        parameter: target.parameter,
      });
    }
    return lastOrigin;
  };

  const abortError = (scope: CallScope, origin: ErrorOrigin): Error | undefined => {
    if (!scope.signal.aborted) return undefined;
    if (scope.cause === 'caller') return new InvocationAbortedError(origin, { cause: scope.callerReason });
    return new DeadlineExceededError(origin, scope.budgetMs);
  };

  const decode = async (kind: Kind, out: InvokeCommandOutput, origin: ErrorOrigin, target: ResolvedFunction) => {
    const executedVersion = out.ExecutedVersion;
    if (out.FunctionError) {
      const error = decodeFunctionError(out.Payload, contract.errors, {
        functionName: name,
        version: executedVersion ?? target.qualifier ?? aliasName(version),
      });
      throw withOrigin(error, { ...origin, executedVersion });
    }
    const requestId = out.$metadata.requestId;
    if (kind !== 'RequestResponse') {
      return { output: undefined, executedVersion, requestId, statusCode: out.StatusCode ?? 0 };
    }
    const text = out.Payload && out.Payload.byteLength > 0 ? utf8.decode(out.Payload) : 'null';
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const issues = [{ path: '', message: `Expected JSON, got ${JSON.stringify(text.slice(0, 80))}` }];
      throw withOrigin(
        new InvalidResponseError(issues, describeIssues(`Invalid response from ${name} v${version}`, issues), {
          cause: error,
        }),
        { ...origin, executedVersion },
      );
    }
    if (validateOutput) {
      const checked = validate(contract.output, value);
      const result = checked instanceof Promise ? await checked : checked;
      if (!result.ok) {
        throw withOrigin(
          new InvalidResponseError(
            result.issues,
            describeIssues(`Invalid response from ${name} v${version}`, result.issues),
          ),
          { ...origin, executedVersion },
        );
      }
      value = result.value;
    }
    return { output: value, executedVersion, requestId, statusCode: out.StatusCode ?? 200 };
  };

  const call = async (kind: Kind, input: unknown, callOptions: CallOptions | undefined) => {
    const opts = callOptions ?? {};
    let payload: string | undefined;
    if (kind !== 'DryRun') {
      const checked = validate(contract.input, input);
      const result = checked instanceof Promise ? await checked : checked;
      if (!result.ok) {
        throw withOrigin(
          new InvalidRequestError(
            result.issues,
            describeIssues(`Invalid input for ${name} v${version}`, result.issues),
          ),
          base,
        );
      }
      payload = JSON.stringify(input) ?? 'null';
      const limit = kind === 'Event' ? PAYLOAD_LIMITS.event : PAYLOAD_LIMITS.sync;
      const size = oversize(payload, limit);
      if (size !== undefined) throw new PayloadTooLargeError(base, { size, limit });
    }
    const ctx = opts.ctx;
    const ctxSignal = ctx && 'signal' in ctx ? ctx.signal : undefined;
    const scope = new CallScope(budgetMs(opts, options.timeoutMs, marginMs), [opts.signal, ctxSignal]);
    let origin = base;
    try {
      let target: ResolvedFunction;
      try {
        const resolved = registry.resolve(name, version, { signal: scope.signal });
        target = resolved instanceof Promise ? await resolved : resolved;
      } catch (error) {
        throw abortError(scope, base) ?? withOrigin(error, base);
      }
      origin = originOfTarget(target);
      const correlationId = opts.correlationId ?? (ctx && 'correlationId' in ctx ? ctx.correlationId : undefined);
      // Only the keys that are set: fewer members for the SDK to serialise on the hot path.
      const request: InvokeCommandInput = { FunctionName: target.functionName };
      if (target.qualifier) request.Qualifier = target.qualifier;
      if (kind !== 'RequestResponse') request.InvocationType = kind;
      if (payload !== undefined) request.Payload = payload;
      const clientContext = encodeClientContext(correlationId, callerName());
      if (clientContext) request.ClientContext = clientContext;
      const command = new InvokeCommand(request);
      lambda ??= sharedLambdaClient();
      const client = lambda;
      const targetOrigin = origin;
      const attempt = async () => {
        if (scope.signal.aborted) throw abortError(scope, targetOrigin);
        let out: InvokeCommandOutput;
        try {
          out = await client.send(command, { abortSignal: scope.signal });
        } catch (error) {
          const mapped = abortError(scope, targetOrigin) ?? fromSdkError(error, targetOrigin, kind === 'Event');
          if (FunctionNotFoundError.is(mapped)) registry.invalidate?.(name);
          throw mapped;
        }
        return decode(kind, out, targetOrigin, target);
      };
      const outcome = await policy.run(
        attempt,
        (error, n) =>
          planRetry(
            error,
            n,
            { idempotent: contract.idempotent, remainingMs: scope.remainingMs() },
            policy.retryOptions,
          ),
        scope.signal,
      );
      return { ...outcome, target };
    } catch (error) {
      if (isBrokenCircuitError(error) && !BrokenCircuitError.is(error))
        throw new BrokenCircuitError(origin, { cause: error });
      if (isBulkheadRejectedError(error) && !BulkheadRejectedError.is(error)) {
        throw new BulkheadRejectedError(origin, { cause: error });
      }
      throw error;
    } finally {
      scope.dispose();
    }
  };

  return {
    contract,
    async invoke(input, callOptions) {
      const result = await call('RequestResponse', input, callOptions);
      return result.output as ContractOutput<C>;
    },
    async invokeWithMetadata(input, callOptions) {
      const r = await call('RequestResponse', input, callOptions);
      return {
        output: r.output as ContractOutput<C>,
        executedVersion: r.executedVersion,
        requestId: r.requestId,
        target: r.target,
      };
    },
    async send(input, callOptions) {
      const r = await call('Event', input, callOptions);
      return { statusCode: r.statusCode, requestId: r.requestId, target: r.target };
    },
    async dryRun(callOptions) {
      const r = await call('DryRun', undefined, callOptions);
      return { statusCode: r.statusCode, requestId: r.requestId, target: r.target };
    },
    get circuitState(): CircuitStateName {
      return policy.breaker ? STATE_NAMES[policy.breaker.state] : 'none';
    },
  };
}
