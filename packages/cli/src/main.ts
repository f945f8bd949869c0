/**
 * Runs the `lambdaport` program on an argv and returns the exit code.
 */
import { CommanderError } from 'commander';
import { createProgram } from './program.js';

/**
 * Parses `argv` (as `process.argv`: node, script, ...args) and runs the command. Resolves with the exit code;
 * `dev` resolves only once stopped (Ctrl-C / SIGTERM).
 *
 * @example
 * process.exitCode = await main(process.argv);
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  program.exitOverride();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`lambdaport: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
