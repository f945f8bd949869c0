/**
 * `lambdaport invoke <name>`: calls a function of a running runtime (or of anything speaking the Lambda API)
 * through the AWS SDK, prints the result, the function error, and the log tail with `--log`.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import pc from 'picocolors';
import { readPayload, UsageError } from '../internal/payload.js';
import { resolveFunctionName } from '../internal/resolve-name.js';

/** Options of the invoke command. */
export interface InvokeOptions {
  readonly payload?: string | undefined;
  readonly qualifier?: string | undefined;
  readonly log?: boolean | undefined;
  readonly event?: boolean | undefined;
  readonly endpoint?: string | undefined;
  readonly stage?: string | undefined;
  readonly region?: string | undefined;
}

/** Where output goes (the process streams by default; tests may capture). */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The endpoint when none is given: $AWS_ENDPOINT_URL_LAMBDA, $AWS_ENDPOINT_URL, else http://127.0.0.1:3000. */
export function defaultEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_ENDPOINT_URL_LAMBDA || env.AWS_ENDPOINT_URL || 'http://127.0.0.1:3000';
}

/**
 * Runs the invoke command; resolves with the exit code (0 success, 1 function error or failure).
 *
 * @example
 * await invokeCommand('records.get', { payload: '{"id":1}', log: true });
 */
export async function invokeCommand(
  name: string,
  options: InvokeOptions,
  output: Output = processOutput,
): Promise<number> {
  const endpoint = options.endpoint ?? defaultEndpoint();
  const client = new LambdaClient({
    endpoint,
    region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'test',
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
      ...(process.env.AWS_SESSION_TOKEN ? { sessionToken: process.env.AWS_SESSION_TOKEN } : {}),
    },
    // An invocation is not retried behind the user's back: it may not be idempotent.
    maxAttempts: 1,
  });
  try {
    const payload = readPayload(options.payload);
    const functionName = await resolveFunctionName(client, name, options.stage);
    const result = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        Payload: Buffer.from(payload),
        Qualifier: options.qualifier,
        InvocationType: options.event ? 'Event' : 'RequestResponse',
        LogType: options.log && !options.event ? 'Tail' : 'None',
      }),
    );
    if (options.log && result.LogResult) {
      output.err(`${pc.dim(Buffer.from(result.LogResult, 'base64').toString('utf8').trimEnd())}\n`);
    }
    if (options.event) {
      output.err(
        `${pc.green('queued')} ${functionName} (status ${result.StatusCode}, version ${result.ExecutedVersion ?? '$LATEST'})\n`,
      );
      return 0;
    }
    const text = Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8');
    if (result.FunctionError) {
      output.err(formatFunctionError(functionName, result.FunctionError, text));
      return 1;
    }
    output.out(`${pretty(text)}\n`);
    return 0;
  } catch (error) {
    output.err(`${pc.red('error')} ${describeFailure(error, endpoint)}\n`);
    return 1;
  } finally {
    client.destroy();
  }
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function formatFunctionError(functionName: string, kind: string, text: string): string {
  let parsed: { errorType?: unknown; errorMessage?: unknown; trace?: unknown; data?: unknown } | undefined;
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || parsed === null || typeof parsed !== 'object') {
    return `${pc.red('function error')} (${kind}) in ${functionName}:\n${text}\n`;
  }
  const lines = [
    `${pc.red('function error')} (${kind}) in ${functionName}: ${pc.bold(String(parsed.errorType ?? 'Error'))}: ${String(parsed.errorMessage ?? '')}`,
  ];
  if (parsed.data !== undefined) lines.push(`data: ${JSON.stringify(parsed.data)}`);
  if (Array.isArray(parsed.trace)) lines.push(...parsed.trace.slice(1, 6).map((line) => pc.dim(String(line))));
  return `${lines.join('\n')}\n`;
}

function describeFailure(error: unknown, endpoint: string): string {
  if (error instanceof UsageError) return error.message;
  const code =
    (error as { code?: string; cause?: { code?: string } }).code ??
    (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED' || (error instanceof Error && /ECONNREFUSED/.test(error.message))) {
    return `cannot reach ${endpoint}: is \`lambdaport dev\` running there? (set --endpoint or AWS_ENDPOINT_URL)`;
  }
  if (error instanceof Error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return `${error.name}${status ? ` (${status})` : ''}: ${error.message}`;
  }
  return String(error);
}
