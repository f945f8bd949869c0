/**
 * `lambdaport/wire`: how errors travel on the Lambda Invoke wire, for callers that do not use the typed client (the raw
 * SDK, tools, adapters of your own, implementations in other languages). See docs/design/wire-format.md.
 *
 * The managed runtimes serialise a thrown error as `{ errorType: error.name, errorMessage: error.message,
 * trace: error.stack.split('\n') }` and drop everything else. So a contract error is thrown with
 * `name` = the error's name (the `errorType` Step Functions and the CLI see), `message` = its human message,
 * and one extra line in its stack: `lambdaport.data <JSON of {code, data}>`. The decoder finds that line.
 */
import type { AnyErrorClass } from './contract.js';
import {
  type ErrorSource,
  type FunctionErrorPayload,
  InvalidRequestError,
  InvalidResponseError,
  type Issue,
  LambdaportError,
  RemoteFunctionError,
} from './errors.js';

export type { ErrorSource, FunctionErrorPayload } from './errors.js';

/** The marker of the trace line that carries a lambdaport error's code and data. */
export const DATA_MARKER = 'lambdaport.data ';

/**
 * Prepares an error for throwing out of a handler so that it crosses the Invoke wire intact: a lambdaport error
 * becomes a plain `Error` named after it (its `errorType`) with the data line in its stack; anything else is returned
 * unchanged. Every adapter of `lambdaport/handlers` calls it; an adapter of your own should too.
 *
 * @example
 * try { return await run(event); } catch (error) { throw toWireError(error); }
 */
export function toWireError(error: unknown): unknown {
  if (!LambdaportError.is(error)) return error;
  const json = error.toJSON();
  const envelope = JSON.stringify({ code: json.code, data: json.data });
  const frames = (error.stack ?? '').split('\n').slice(1).join('\n');
  const wire = new Error(error.message);
  // the error's stable name (`RecordNotFound`, `InvalidRequestError`): a literal of its class, so minifying cannot change it
  Object.defineProperty(wire, 'name', { value: error.name, enumerable: false, configurable: true });
  wire.stack = `${wire.name}: ${error.message}\n${DATA_MARKER}${envelope}${frames ? `\n${frames}` : ''}`;
  return wire;
}

/**
 * Builds the Invoke error payload of an error, as the Node runtime would. For tests and tools that answer as Lambda.
 *
 * @example
 * toFunctionErrorPayload(new RecordNotFound({ id: 7 }, 'Record 7 not found')).errorType; // 'RecordNotFound'
 */
export function toFunctionErrorPayload(error: unknown): FunctionErrorPayload {
  const wire = toWireError(error);
  if (wire instanceof Error) {
    return { errorType: wire.name, errorMessage: wire.message, trace: (wire.stack ?? '').split('\n') };
  }
  return { errorType: typeof wire, errorMessage: String(wire), trace: [] };
}

function parsePayload(payload: unknown): FunctionErrorPayload | undefined {
  let value = payload;
  if (value instanceof Uint8Array) value = new TextDecoder().decode(value);
  if (typeof value === 'string') {
    const text = value;
    try {
      value = JSON.parse(text);
    } catch {
      return { errorType: 'Unknown', errorMessage: text.slice(0, 1000), trace: [] };
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  return {
    errorType: typeof v.errorType === 'string' ? v.errorType : 'Unknown',
    errorMessage: typeof v.errorMessage === 'string' ? v.errorMessage : '',
    trace: Array.isArray(v.trace) ? v.trace.filter((t): t is string => typeof t === 'string') : [],
  };
}

function readEnvelope(trace: readonly string[]): { code?: unknown; data?: unknown } | undefined {
  for (const line of trace) {
    const at = line.indexOf(DATA_MARKER);
    if (at === -1 || line.slice(0, at).trim() !== '') continue;
    try {
      const parsed: unknown = JSON.parse(line.slice(at + DATA_MARKER.length));
      if (typeof parsed === 'object' && parsed !== null) return parsed as { code?: unknown; data?: unknown };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function issuesOf(data: unknown): Issue[] {
  const issues = (data as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues
    .filter((i): i is { path?: unknown; message?: unknown } => typeof i === 'object' && i !== null)
    .map((i) => ({ path: typeof i.path === 'string' ? i.path : '', message: String(i.message ?? '') }));
}

/**
 * Rebuilds the typed error from an Invoke function-error payload (the body returned with `X-Amz-Function-Error`).
 * A declared error comes back as its class with its data; a validation failure as `InvalidRequestError`;
 * anything else as `RemoteFunctionError`.
 *
 * @example
 * const out = await lambda.send(new InvokeCommand({ FunctionName, Payload }));
 * if (out.FunctionError) throw decodeFunctionError(out.Payload, getRecord.errors);
 */
export function decodeFunctionError(
  payload: unknown,
  errors: readonly AnyErrorClass[] = [],
  source: ErrorSource = {},
): LambdaportError {
  const parsed = parsePayload(payload) ?? { errorType: 'Unknown', errorMessage: String(payload), trace: [] };
  const envelope = readEnvelope(parsed.trace ?? []);
  if (envelope) {
    if (parsed.errorType === InvalidRequestError.errorName && envelope.code === InvalidRequestError.code) {
      return new InvalidRequestError(issuesOf(envelope.data), parsed.errorMessage);
    }
    if (parsed.errorType === InvalidResponseError.errorName && envelope.code === InvalidResponseError.code) {
      return new InvalidResponseError(issuesOf(envelope.data), parsed.errorMessage);
    }
    const declared = errors.find((e) => e.errorName === parsed.errorType);
    if (declared && dataMatches(declared, envelope.data)) {
      return new declared(envelope.data, parsed.errorMessage);
    }
  }
  return new RemoteFunctionError(parsed, source);
}

function dataMatches(error: AnyErrorClass, data: unknown): boolean {
  const result = error.schema['~standard'].validate(data);
  if (result instanceof Promise) return true; // async schemas cannot be checked here; trust the envelope
  return !result.issues;
}
