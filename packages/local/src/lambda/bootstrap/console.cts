/**
 * The function's log in Lambda's text format: `<ISO time>\t<request id>\t<LEVEL>\t<message>`, one line per call
 * (newlines inside a message become `\r`, as with the managed runtime). Builtins only.
 */
import util = require('node:util');

import type { ErrorPayload } from './types.cjs';

const { format } = util;

function writeLine(requestId: string | undefined, level: string, message: string): void {
  process.stdout.write(`${new Date().toISOString()}\t${requestId}\t${level}\t${message.replace(/\n/g, '\r')}\n`);
}

/**
 * Makes `console.*` write Lambda's format, tagged with the request id `requestId()` returns at the time.
 *
 * @example
 * patchConsole(() => invocations.requestId);
 */
function patchConsole(requestId: () => string | undefined): void {
  const write = (level: string, args: unknown[]): void => writeLine(requestId(), level, format(...args));
  console.log = (...args: unknown[]) => write('INFO', args);
  console.info = (...args: unknown[]) => write('INFO', args);
  console.warn = (...args: unknown[]) => write('WARN', args);
  console.error = (...args: unknown[]) => write('ERROR', args);
  console.debug = (...args: unknown[]) => write('DEBUG', args);
  console.trace = (...args: unknown[]) => write('TRACE', args);
}

/**
 * Logs an error the runtime reports: `<time>\t<id>\tERROR\t<label> \t<payload as JSON>`.
 *
 * @example
 * logError(requestId, 'Invoke Error', toPayload(error));
 */
function logError(requestId: string | undefined, label: string, payload: ErrorPayload): void {
  writeLine(requestId, 'ERROR', `${label} \t${JSON.stringify(payload)}`);
}

export = { logError, patchConsole };
