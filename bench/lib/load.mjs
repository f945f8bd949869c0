/**
 * The one load generator every tool is measured with: N concurrent keep-alive workers, each issuing SDK-shaped
 * Lambda Invoke requests (POST /2015-03-31/functions/<name>/invocations, JSON body) one after another, for a fixed
 * time or count. Loopback only. Latency is per request, from write to the last byte of the response.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { round, summarize } from './stats.mjs';

const HARD_MAX_REQUESTS = 2_000_000;

/**
 * Headers as the AWS SDK v3 sends them for a RequestResponse Invoke. The signature is not computed (that cost is the
 * client's, equal for every tool); the access key is one no tool knows, so a runtime that checks signatures accepts it
 * unverified, as it would a developer's own key.
 * @param {number} length
 */
export function invokeHeaders(length) {
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  return {
    'content-type': 'application/octet-stream',
    'content-length': String(length),
    'x-amz-date': date,
    'amz-sdk-request': 'attempt=1; max=1',
    'user-agent': 'lambdaport-bench',
    authorization: `AWS4-HMAC-SHA256 Credential=BENCHKEY/${date.slice(0, 8)}/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
  };
}

/** @param {string} functionName */
export function invokePath(functionName) {
  return `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
}

/**
 * One Invoke request on the given agent. Resolves with status, body and headers.
 * @param {{ url: string, functionName: string, body: string, agent?: http.Agent, timeoutMs?: number }} options
 * @returns {Promise<{ status: number, body: string, headers: http.IncomingHttpHeaders }>}
 */
export function invokeOnce({ url, functionName, body, agent, timeoutMs = 30_000 }) {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`bench only talks to 127.0.0.1, not ${target.hostname}`);
  const payload = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: Number(target.port),
        method: 'POST',
        path: invokePath(functionName),
        headers: invokeHeaders(payload.length),
        agent: agent ?? false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`request timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Runs load against one function and measures throughput and per-request latency.
 * Each request carries a unique id; a response that does not echo it back counts as `wrong`.
 * @param {{
 *   url: string, functionName: string, concurrency: number,
 *   durationMs?: number, maxRequests?: number, warmupMs?: number,
 *   functionNames?: string[], expectEcho?: boolean,
 * }} options
 */
export async function runLoad(options) {
  const { url, concurrency, durationMs = 5_000, warmupMs = 1_000, expectEcho = true } = options;
  const maxRequests = Math.min(options.maxRequests ?? HARD_MAX_REQUESTS, HARD_MAX_REQUESTS);
  const names = options.functionNames ?? [options.functionName];
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  let seq = 0;

  /** @param {number} until @param {number} limit @param {number[] | null} latencies */
  async function phase(until, limit, latencies) {
    const counts = { ok: 0, errors: 0, wrong: 0, statuses: /** @type {Record<string, number>} */ ({}) };
    let issued = 0;
    const worker = async () => {
      while (performance.now() < until && issued < limit) {
        issued++;
        const id = ++seq;
        const name = names[id % names.length];
        const body = `{"id":${id},"name":"bench","tags":["a","b"],"n":1.5}`;
        const t0 = performance.now();
        try {
          const res = await invokeOnce({ url, functionName: name, body, agent });
          const elapsed = performance.now() - t0;
          counts.statuses[res.status] = (counts.statuses[res.status] ?? 0) + 1;
          if (res.status !== 200 || res.headers['x-amz-function-error']) counts.errors++;
          else if (expectEcho && JSON.parse(res.body).id !== id) counts.wrong++;
          else counts.ok++;
          latencies?.push(elapsed);
        } catch {
          counts.errors++;
        }
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { ...counts, elapsedMs: performance.now() - t0 };
  }

  try {
    if (warmupMs > 0) await phase(performance.now() + warmupMs, HARD_MAX_REQUESTS, null);
    /** @type {number[]} */
    const latencies = [];
    const measured = await phase(performance.now() + durationMs, maxRequests, latencies);
    const done = measured.ok + measured.wrong + measured.errors;
    return {
      concurrency,
      requests: done,
      ok: measured.ok,
      errors: measured.errors,
      wrong: measured.wrong,
      statuses: measured.statuses,
      elapsedMs: round(measured.elapsedMs, 1),
      throughput: round((measured.ok / measured.elapsedMs) * 1000, 1),
      latencyMs: summarize(latencies),
    };
  } finally {
    agent.destroy();
  }
}
