/**
 * The network guard of the test suite: a process that loads this file can reach loopback only.
 *
 * - Every TCP and TLS connection (`net`, `tls`, `http`, `https`, `http2`, `fetch`, the AWS SDK...) goes through
 *   `net.Socket.prototype.connect`. A connection to anything but a loopback address or `localhost` fails as a
 *   refused connection would (an `error` on the socket, never a connection), with the message below.
 * - UDP sends and connects (`dgram`) to anything but loopback fail the same way.
 * - DNS: `dns.lookup` of a name other than `localhost`, and every query to a DNS server (`dns.resolve*`,
 *   `dns.reverse`, `Resolver`), fail: a test has no name to resolve off this machine.
 * - Child processes: every process started by `child_process` gets this file in `NODE_OPTIONS` (`--require`), so
 *   a Node child (a `lambdaport dev` process, an execution environment of the local runtime, a function's own
 *   child) is guarded too, even when it is given an environment of its own. The child then removes its own
 *   `--require` from `process.env.NODE_OPTIONS`, so that the code it runs sees the environment it was given.
 *
 * Plain CommonJS so that a child can `--require` it without a TypeScript loader. Loading it twice is a no-op.
 */
'use strict';

const childProcess = require('node:child_process');
const dgram = require('node:dgram');
const dns = require('node:dns');
const nodeModule = require('node:module');
const net = require('node:net');
const util = require('node:util');

const INSTALLED = Symbol.for('lambdaport.networkGuard');
const PRELOAD = `--require ${JSON.stringify(__filename)}`;

/** The error every blocked attempt fails with. */
function guardError(what) {
  const error = new Error(`Network guard: tests may only reach loopback (127.0.0.1, ::1, localhost), not ${what}`);
  error.code = 'ERR_NETWORK_GUARD';
  return error;
}

function unbracket(host) {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** A loopback IP address (IPv4 127/8, IPv6 ::1, or IPv4-mapped 127/8). */
function isLoopbackAddress(address) {
  const ip = unbracket(String(address)).toLowerCase();
  const family = net.isIP(ip);
  if (family === 4) return ip.startsWith('127.');
  if (family === 6) {
    if (ip === '::1' || ip === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
    return mapped?.[1]?.startsWith('127.') === true;
  }
  return false;
}

/** A host a test may name: a loopback address or `localhost` (an unset host means `localhost` to Node). */
function isLoopbackHost(host) {
  if (host === undefined || host === null || host === '') return true;
  const name = unbracket(String(host)).toLowerCase();
  return name === 'localhost' || name === 'localhost.' || isLoopbackAddress(name);
}

/** The options `net.Socket.prototype.connect` acts on, for each of its call forms (as Node normalizes them). */
function connectOptions(args) {
  const first = args[0];
  // net.connect(), http, https, fetch and tls hand over their already normalized arguments as one array
  if (Array.isArray(first)) return connectOptions(first);
  if (typeof first === 'object' && first !== null) return first;
  // a string that is not a number is a pipe (or Unix socket) path
  if (typeof first === 'string' && Number.isNaN(Number(first))) return { path: first };
  return { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
}

function guardSockets() {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const options = connectOptions(args);
    if (options.path) return connect.apply(this, args);
    const host = options.host ?? options.hostname;
    if (!isLoopbackHost(host)) {
      // fail as a refused connection fails: asynchronously, on the socket, so every client reports it its usual way
      const error = guardError(`${host}:${options.port}`);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    if (net.isIP(unbracket(String(host ?? ''))) === 0) {
      // a name (`localhost`): what it resolves to must be loopback too (a custom `lookup` could say otherwise)
      this.on('lookup', (error, address) => {
        if (!error && typeof address === 'string' && !isLoopbackAddress(address)) {
          this.destroy(guardError(`${address}:${options.port} (${host})`));
        }
      });
    }
    return connect.apply(this, args);
  };
}

function guardUdp() {
  const send = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function guardedSend(...args) {
    // send(msg, [offset, length,] port, address, callback): the address follows the port
    const portAt = typeof args[1] === 'number' && typeof args[2] === 'number' && typeof args[3] === 'number' ? 3 : 1;
    const address = typeof args[portAt + 1] === 'string' ? args[portAt + 1] : undefined;
    if (!isLoopbackHost(address)) throw guardError(`udp ${address}:${args[portAt]}`);
    return send.apply(this, args);
  };
  const connect = dgram.Socket.prototype.connect;
  dgram.Socket.prototype.connect = function guardedConnect(port, address, ...rest) {
    const host = typeof address === 'string' ? address : undefined;
    if (!isLoopbackHost(host)) throw guardError(`udp ${host}:${port}`);
    return connect.call(this, port, address, ...rest);
  };
}

function guardDns() {
  const lookup = dns.lookup;
  const lookupPromise = dns.promises.lookup;
  const guardedLookupPromise = (hostname, ...rest) =>
    isLoopbackHost(hostname) ? lookupPromise(hostname, ...rest) : Promise.reject(guardError(`a lookup of ${hostname}`));
  const guardedLookup = (hostname, ...rest) => {
    if (isLoopbackHost(hostname)) return lookup(hostname, ...rest);
    const callback = rest.at(-1);
    if (typeof callback === 'function') process.nextTick(callback, guardError(`a lookup of ${hostname}`));
    return {};
  };
  guardedLookup[util.promisify.custom] = guardedLookupPromise;
  dns.lookup = guardedLookup;
  dns.promises.lookup = guardedLookupPromise;

  const lookupService = dns.lookupService;
  dns.lookupService = (address, ...rest) => {
    if (isLoopbackAddress(address)) return lookupService(address, ...rest);
    const callback = rest.at(-1);
    if (typeof callback === 'function') process.nextTick(callback, guardError(`a reverse lookup of ${address}`));
  };
  const lookupServicePromise = dns.promises.lookupService;
  dns.promises.lookupService = (address, ...rest) =>
    isLoopbackAddress(address)
      ? lookupServicePromise(address, ...rest)
      : Promise.reject(guardError(`a reverse lookup of ${address}`));

  const isQuery = (key) => key.startsWith('resolve') || key === 'reverse';
  for (const target of [dns, dns.Resolver.prototype]) {
    for (const key of Object.getOwnPropertyNames(target).filter(isQuery)) {
      target[key] = (name, ...rest) => {
        const callback = rest.at(-1);
        const error = guardError(`a DNS query for ${name}`);
        if (typeof callback === 'function') process.nextTick(callback, error);
        else throw error;
      };
    }
  }
  for (const target of [dns.promises, dns.promises.Resolver.prototype]) {
    for (const key of Object.getOwnPropertyNames(target).filter(isQuery)) {
      target[key] = (name) => Promise.reject(guardError(`a DNS query for ${name}`));
    }
  }
}

/** `env` with this file preloaded by a Node child (appended to what `NODE_OPTIONS` already says). */
function withPreload(env) {
  const current = env.NODE_OPTIONS ?? '';
  return current.includes(PRELOAD) ? env : { ...env, NODE_OPTIONS: current ? `${current} ${PRELOAD}` : PRELOAD };
}

function guardChildren() {
  // spawn, fork, exec and execFile all start their process here, with the environment as "KEY=value" pairs
  const spawn = childProcess.ChildProcess.prototype.spawn;
  childProcess.ChildProcess.prototype.spawn = function guardedSpawn(options) {
    if (options && Array.isArray(options.envPairs)) {
      const at = options.envPairs.findIndex((pair) => pair.startsWith('NODE_OPTIONS='));
      const current = at === -1 ? undefined : options.envPairs[at].slice('NODE_OPTIONS='.length);
      const next = withPreload(current === undefined ? {} : { NODE_OPTIONS: current }).NODE_OPTIONS;
      const envPairs = options.envPairs.filter((_, i) => i !== at).concat(`NODE_OPTIONS=${next}`);
      return spawn.call(this, { ...options, envPairs });
    }
    return spawn.call(this, options);
  };
  // the synchronous ones do not go through ChildProcess: give them the environment themselves
  for (const name of ['spawnSync', 'execFileSync', 'execSync']) {
    const original = childProcess[name];
    childProcess[name] = (...args) => {
      const at = args.findIndex((arg, i) => i > 0 && typeof arg === 'object' && arg !== null && !Array.isArray(arg));
      const options = at === -1 ? {} : args[at];
      const guarded = { ...options, env: withPreload(options.env ?? process.env) };
      if (at === -1) args.push(guarded);
      else args[at] = guarded;
      return original(...args);
    };
  }
  // `import { spawnSync } from 'node:child_process'` sees the guarded functions too
  nodeModule.syncBuiltinESMExports();
}

/** A guarded child sees `NODE_OPTIONS` as it was given, without the preload of this file. */
function hidePreload() {
  const current = process.env.NODE_OPTIONS;
  if (current === undefined || !current.includes(PRELOAD)) return;
  const rest = current.replace(PRELOAD, '').trim();
  if (rest === '') delete process.env.NODE_OPTIONS;
  else process.env.NODE_OPTIONS = rest;
}

if (!globalThis[INSTALLED]) {
  globalThis[INSTALLED] = true;
  guardSockets();
  guardUdp();
  guardDns();
  guardChildren();
  hidePreload();
}
