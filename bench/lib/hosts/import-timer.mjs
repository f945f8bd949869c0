/** Prints how long a fresh Node process takes to import a module (ms). Usage: node import-timer.mjs <file>. */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
if (!file) throw new Error('usage: import-timer.mjs <file>');
const t0 = performance.now();
const mod = await import(pathToFileURL(file).href);
const ms = performance.now() - t0;
if (typeof mod.handler !== 'function') throw new Error(`${file} exports no handler`);
console.log(JSON.stringify({ importMs: ms }));
