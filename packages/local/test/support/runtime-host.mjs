// Runs startLocal() from the built package (dist/) in a process of its own, so that a test can see whether the
// runtime survives what it is sent. Argument: the startLocal options as JSON (no functions; `debug: true` writes the
// runtime's debug lines to stderr, marked `debug:`). Prints `READY <url>` on stdout once serving; on SIGTERM stops and
// exits 0; if start fails, prints `could not start: <message>` on stderr and exits 1. Runtime messages go to stderr.
import { startLocal } from '../../dist/index.js';

const { debug, ...options } = JSON.parse(process.argv[2] ?? '{}');
let local;
try {
  local = await startLocal({
    prebootSpares: false,
    ...options,
    log: (line) => process.stderr.write(`${line}\n`),
    ...(debug ? { debug: (line) => process.stderr.write(`debug: ${line}\n`) } : {}),
  });
} catch (error) {
  process.stderr.write(`could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
process.stdout.write(`READY ${local.url}\n`);
process.once('SIGTERM', () => {
  local.stop().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`stop failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
});
