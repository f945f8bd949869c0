/**
 * The calls a running `lambdaport dev` observed, read from `GET <url>/_lambdaport/calls` (`{ "calls": [...] }`).
 */
import type { ObservedCallInput } from './build.js';

/** The path of the observed calls below a runtime's URL. */
export const OBSERVED_CALLS_PATH = '/_lambdaport/calls';

/** Why the observed calls could not be read: nothing listening, or an answer that is not the calls. */
export class ObservedCallsError extends Error {
  override readonly name = 'ObservedCallsError';
  /** True when nothing answered at the URL (no `lambdaport dev` running there). */
  readonly unreachable: boolean;

  constructor(message: string, unreachable: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.unreachable = unreachable;
  }
}

/**
 * The calls observed by the runtime at `url` (`http://127.0.0.1:3000`).
 *
 * @example
 * const observed = await fetchObservedCalls('http://127.0.0.1:3000');
 */
export async function fetchObservedCalls(url: string, timeoutMs = 5_000): Promise<ObservedCallInput[]> {
  let target: URL;
  try {
    target = new URL(OBSERVED_CALLS_PATH, url);
  } catch (error) {
    throw new ObservedCallsError(`--url ${JSON.stringify(url)} is not a URL`, false, { cause: error });
  }
  let response: Response;
  try {
    response = await fetch(target, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new ObservedCallsError(`no lambdaport dev answered at ${target.origin} (${reason(error)})`, true, {
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new ObservedCallsError(
      `${target.href} answered ${response.status}: is it a lambdaport dev (with observed calls)?`,
      false,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ObservedCallsError(`${target.href} answered with something that is not JSON`, false, { cause: error });
  }
  const calls = (body as { calls?: unknown } | null)?.calls;
  if (!Array.isArray(calls) || !calls.every(isObservedCall)) {
    throw new ObservedCallsError(`${target.href} answered JSON that is not { "calls": [...] }`, false);
  }
  return calls;
}

function isObservedCall(value: unknown): value is ObservedCallInput {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.caller === undefined || typeof v.caller === 'string') &&
    typeof v.function === 'string' &&
    (v.invocationType === 'RequestResponse' || v.invocationType === 'Event') &&
    typeof v.count === 'number'
  );
}

function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code !== undefined) return cause.code;
  return error instanceof Error ? error.message : String(error);
}
