/**
 * A reader that went away (`lambdaport --help | head -1`, `lambdaport invoke ... | true`): writing to the closed pipe
 * fails with EPIPE, which Node throws as an unhandled stream error with a stack. A command line tool stops quietly
 * instead, as `cat` does.
 */

/** What to do once the output's reader is gone: stop quietly. */
export type OnClosedPipe = () => void;

/**
 * Stops quietly when stdout or stderr is a closed pipe: `lambdaport dev` (which listens for SIGTERM) stops as on
 * Ctrl-C; any other command exits 0 at once. Other stream errors are left as they were (thrown).
 *
 * @example
 * quietOnClosedPipe(); // first thing in the bin
 */
export function quietOnClosedPipe(
  streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr],
  onClosed: OnClosedPipe = stopQuietly,
): void {
  let closed = false;
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // after the first EPIPE the stream is destroyed: later writes fail with ERR_STREAM_DESTROYED
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
      if (closed) return;
      closed = true;
      onClosed();
    });
  }
}

function stopQuietly(): void {
  if (process.listenerCount('SIGTERM') > 0) process.kill(process.pid, 'SIGTERM');
  else process.exit(0);
}
