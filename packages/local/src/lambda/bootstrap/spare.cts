/**
 * A pre-booted spare: a bootstrap process started before any function needs it. It loads the builtins most
 * handlers use while it waits (blocked on a pipe read on fd 3: no timer, no CPU), then becomes the function's
 * process when the runtime binds it: its environment (exactly), its working directory, `NODE_PATH` re-read. A test
 * compares such a process with a fresh one. Builtins only.
 */
import nodeModule = require('node:module');
import net = require('node:net');

import type { Binding } from './types.cjs';

/**
 * Builtins the AWS SDK and most handlers load, loaded while a spare waits (their cost is then off the cold start).
 * Loading a builtin has no effect a function could observe.
 */
const PRELOADED = [
  'node:assert',
  'node:async_hooks',
  'node:child_process',
  'node:diagnostics_channel',
  'node:fs/promises',
  'node:http',
  'node:http2',
  'node:https',
  'node:os',
  'node:perf_hooks',
  'node:stream',
  'node:stream/promises',
  'node:string_decoder',
  'node:tls',
  'node:zlib',
];

/** Waits here, idle (no timer, no polling), until the runtime binds it; exits if the runtime goes. */
function waitForBinding(): Promise<Binding> {
  return new Promise((resolve) => {
    const control = new net.Socket({ fd: 3, readable: true, writable: false });
    let text = '';
    control.setEncoding('utf8');
    control.on('data', (chunk: string) => {
      text += chunk;
      const newline = text.indexOf('\n');
      if (newline === -1) return;
      control.destroy();
      resolve(JSON.parse(text.slice(0, newline)) as Binding);
    });
    control.on('error', () => process.exit(0));
    control.on('end', () => process.exit(0));
  });
}

/**
 * Loads the preloaded builtins one per turn of the event loop, and stops as soon as the spare is bound: a spare
 * taken while still booting starts its function no later than a fresh process would.
 */
function preloadUntil(bound: Promise<unknown>): void {
  const load = require;
  let done = false;
  void bound.then(() => {
    done = true;
  });
  let next = 0;
  const step = (): void => {
    if (done) return;
    if (next < PRELOADED.length) {
      load(PRELOADED[next++] as string);
      setImmediate(step);
    } else {
      void globalThis.crypto; // Web Crypto and web streams, loaded on first use
    }
  };
  setImmediate(step);
}

/**
 * Waits to be bound (preloading builtins meanwhile), then becomes the function's process. Returns the binding.
 *
 * @example
 * const { codeCacheDir } = await becomeBound();
 */
async function becomeBound(): Promise<Binding> {
  const waiting = waitForBinding();
  preloadUntil(waiting);
  const binding = await waiting;
  const env = process.env;
  for (const key of Object.keys(env)) if (!Object.hasOwn(binding.env, key)) delete env[key];
  Object.assign(env, binding.env);
  process.chdir(binding.cwd);
  (nodeModule as { _initPaths?: () => void })._initPaths?.();
  return binding;
}

export = { becomeBound };
