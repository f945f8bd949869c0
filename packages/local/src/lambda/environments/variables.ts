/**
 * The environment variables of an execution environment, as AWS sets them, plus the function's own and the
 * caller's extra ones. `AWS_LAMBDA_RUNTIME_API` and `AWS_LAMBDA_LOG_STREAM_NAME` are added per environment.
 */
import path from 'node:path';
import type { NodeCode, ProvidedCode } from '../../build/types.js';
import type { LocalFunction } from '../types.js';
import { NODE_BOOTSTRAP } from './node-command.js';

/** Credentials handed to functions. */
export interface FunctionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

/** The default credentials: the ones the local runtime knows (`test` / `test`). */
export const DEFAULT_CREDENTIALS: FunctionCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Variables of the host passed through (a `provided` bootstrap needs a PATH). */
export const PASSED_THROUGH = ['PATH', 'LANG', 'HOME', 'TMPDIR', 'SYSTEMROOT'] as const;

/**
 * Builds the variables of an environment of `fn` at `version`: host PATH/LANG < the function's environment <
 * `extra` (the caller's, e.g. AWS_ENDPOINT_URL) < what Lambda reserves. `AWS_EXECUTION_ENV` names the function's
 * Lambda runtime as the config resolved it (`AWS_Lambda_nodejs22.x`), whichever Node runs it here (a function with the
 * legacy `runtime: 'nodejs'` runs on the host's Node: on Node 20, its runtime is `nodejs22.x`).
 *
 * @example
 * functionVariables(fn, '$LATEST', code, DEFAULT_CREDENTIALS, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4000' });
 */
export function functionVariables(
  fn: LocalFunction,
  version: string,
  code: NodeCode | ProvidedCode,
  credentials: FunctionCredentials,
  extra: Readonly<Record<string, string>>,
): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = process.env[name];
    if (value !== undefined) vars[name] = value;
  }
  Object.assign(vars, fn.versions.get(version)?.environment ?? {}, extra);
  vars.AWS_LAMBDA_FUNCTION_NAME = fn.deployedName;
  vars.AWS_LAMBDA_FUNCTION_VERSION = version;
  vars.AWS_LAMBDA_FUNCTION_MEMORY_SIZE = String(fn.memorySize);
  vars.AWS_REGION = fn.region;
  vars.AWS_DEFAULT_REGION = fn.region;
  vars.AWS_LAMBDA_LOG_GROUP_NAME = `/aws/lambda/${fn.deployedName}`;
  vars.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
  vars.LAMBDA_TASK_ROOT = code.taskRoot;
  vars.LAMBDA_RUNTIME_DIR = path.dirname(NODE_BOOTSTRAP);
  vars._HANDLER = code.handler;
  vars.TZ = ':UTC';
  vars.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
  vars.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
  if (credentials.sessionToken !== undefined) vars.AWS_SESSION_TOKEN = credentials.sessionToken;
  else delete vars.AWS_SESSION_TOKEN;
  if (code.kind === 'node') {
    vars.AWS_EXECUTION_ENV = `AWS_Lambda_${fn.lambdaRuntime}`;
    vars.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    vars.NODE_PATH ??= path.join(fn.dir, 'node_modules');
  }
  return vars;
}
