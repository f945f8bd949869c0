/**
 * The bench's own Node load generator: N concurrent keep-alive workers, each issuing SDK-shaped Lambda Invoke requests
 * (POST /2015-03-31/functions/<name>/invocations, JSON body) one after another, for a fixed time or count. Loopback
 * only. Latency is per request, from write to the last byte of the response, at sub-millisecond resolution. It runs in
 * the bench's process and shares the two cores with the server under test, which caps throughput: the throughput of
 * record comes from autocannon in a process of its own (cannon.mjs); this one measures latency (cross-checked against
 * autocannon's), drives the scale and cold-start scenarios, and reports its own CPU share.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { median, round, summarize } from './stats.mjs';

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

/**
 * A real SigV4 signer (the SDK's own, @smithy/signature-v4) for the given key: returns the headers of a signed
 * Invoke request. Used to measure what verifying signatures costs a runtime.
 * @param {{ accessKeyId: string, secretAccessKey: string }} credentials
 */
export async function makeSigner(credentials) {
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { Hash } = await import('@smithy/hash-node');
  const signer = new SignatureV4({
    credentials,
    region: 'us-east-1',
    service: 'lambda',
    sha256: /** @type {*} */ (Hash.bind(null, 'sha256')),
  });
  /** @param {number} port @param {string} path @param {Buffer} body @returns {Promise<Record<string, string>>} */
  return async (port, path, body) => {
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port,
      path,
      query: {},
      headers: {
        host: `127.0.0.1:${port}`,
        'content-type': 'application/octet-stream',
        'content-length': String(body.length),
        'amz-sdk-request': 'attempt=1; max=1',
      },
      body,
    });
    return /** @type {Record<string, string>} */ (signed.headers);
  };
}

/** @param {string} functionName */
export function invokePath(functionName) {
  return `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
}

/**
 * One Invoke request on the given agent. Resolves with status, body and headers. With `replay`, sends that captured
 * request as it is (its headers and body) instead.
 * @param {{ url: string, functionName: string, body: string, agent?: http.Agent, timeoutMs?: number, sign?: Awaited<ReturnType<typeof makeSigner>>, replay?: import('./sdk-request.mjs').CapturedRequest }} options
 * @returns {Promise<{ status: number, body: string, headers: http.IncomingHttpHeaders }>}
 */
export async function invokeOnce({ url, functionName, body, agent, timeoutMs = 30_000, sign, replay }) {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`bench only talks to 127.0.0.1, not ${target.hostname}`);
  const payload = Buffer.from(replay ? replay.body : body);
  const port = Number(target.port);
  const path = replay ? replay.path : invokePath(functionName);
  const headers = replay ? replay.headers : sign ? await sign(port, path, payload) : invokeHeaders(payload.length);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers,
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
 * Runs load against one function and measures throughput, per-request latency and this process's CPU share.
 * Each request carries a unique id; a response that does not echo it back counts as `wrong`. With `replay`, every
 * request is that captured one (same id), and the answer must be its body.
 * @param {{
 *   url: string, functionName: string, concurrency: number,
 *   durationMs?: number, maxRequests?: number, warmupMs?: number,
 *   functionNames?: string[], expectEcho?: boolean,
 *   sign?: Awaited<ReturnType<typeof makeSigner>>, keepLatencies?: boolean,
 *   replay?: import('./sdk-request.mjs').CapturedRequest,
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
        const { replay } = options;
        const t0 = performance.now();
        try {
          const res = await invokeOnce({ url, functionName: name, body, agent, sign: options.sign, replay });
          const elapsed = performance.now() - t0;
          counts.statuses[res.status] = (counts.statuses[res.status] ?? 0) + 1;
          if (res.status !== 200 || res.headers['x-amz-function-error']) counts.errors++;
          else if (expectEcho && (replay ? res.body !== replay.body : JSON.parse(res.body).id !== id)) counts.wrong++;
          else counts.ok++;
          latencies?.push(elapsed);
        } catch {
          counts.errors++;
        }
      }
    };
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const cpu = process.cpuUsage(cpu0);
    return { ...counts, elapsedMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
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
      generatorCpuPercent: round((measured.cpuMs / measured.elapsedMs) * 100, 0),
      latencyMs: summarize(latencies),
      ...(options.keepLatencies ? { latencies } : {}),
    };
  } finally {
    agent.destroy();
  }
}

/**
 * Interleaved rounds: in each round every target gets the same load in turn (a short warm-up, then the measured
 * phase), so the machine's drift hits all of them alike. Per target: throughput and the generator's CPU share are the
 * medians of its rounds, latency percentiles come from all its requests together. A target with `capture` replays a
 * request captured afresh for each round (see sdk-request.mjs).
 * @param {{ key: string, url: string, functionName: string, sign?: Awaited<ReturnType<typeof makeSigner>>, capture?: () => Promise<import('./sdk-request.mjs').CapturedRequest> }[]} targets
 * @param {{ concurrency: number, rounds: number, durationMs: number, warmupMs: number, firstWarmupMs?: number, onRound?: (key: string, round: number, r: Awaited<ReturnType<typeof runLoad>>) => void }} options
 */
export async function runRounds(targets, options) {
  /** @type {Map<string, { throughputs: number[], cpu: number[], latencies: number[], requests: number, ok: number, errors: number, wrong: number }>} */
  const acc = new Map(
    targets.map((t) => [t.key, { throughputs: [], cpu: [], latencies: [], requests: 0, ok: 0, errors: 0, wrong: 0 }]),
  );
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) {
      const r = await runLoad({
        url: t.url,
        functionName: t.functionName,
        concurrency: options.concurrency,
        durationMs: options.durationMs,
        warmupMs: round === 0 ? (options.firstWarmupMs ?? options.warmupMs) : options.warmupMs,
        sign: t.sign,
        keepLatencies: true,
        ...(t.capture ? { replay: await t.capture() } : {}),
      });
      const a = /** @type {NonNullable<ReturnType<typeof acc.get>>} */ (acc.get(t.key));
      a.throughputs.push(r.throughput);
      a.cpu.push(r.generatorCpuPercent);
      for (const v of r.latencies ?? []) a.latencies.push(v);
      a.requests += r.requests;
      a.ok += r.ok;
      a.errors += r.errors;
      a.wrong += r.wrong;
      const { latencies: _omit, ...summary } = r;
      options.onRound?.(t.key, round, summary);
    }
  }
  return Object.fromEntries(
    [...acc].map(([key, a]) => [
      key,
      {
        concurrency: options.concurrency,
        rounds: options.rounds,
        throughput: round(median(a.throughputs), 1),
        roundThroughputs: a.throughputs,
        generatorCpuPercent: round(median(a.cpu), 0),
        requests: a.requests,
        ok: a.ok,
        errors: a.errors,
        wrong: a.wrong,
        latencyMs: summarize(a.latencies),
      },
    ]),
  );
}
