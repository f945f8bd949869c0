/**
 * The SSM registry: one `GetParametersByPath` (recursive, paginated) per service path, cached with a TTL,
 * refreshed in the background, and served stale when SSM fails. In steady state a call makes no SSM request.
 */
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { checkKeys } from '../contract.js';
import {
  aliasName,
  type FriendlyName,
  isQualified,
  parseFriendlyName,
  SSM_PREFIX,
  ssmAliasParameter,
  ssmFunctionParameter,
  ssmServicePath,
  stageNameProblem,
} from '../names.js';
import { FunctionNotRegisteredError, RegistryUnavailableError } from './errors.js';
import type { Registry, ResolvedFunction, ResolveOptions } from './types.js';

/**
 * Defaults of `ssmRegistry`, in one place.
 *
 * @example
 * ssmRegistry({ ttlMs: SSM_REGISTRY_DEFAULTS.ttlMs / 5 });
 */
export const SSM_REGISTRY_DEFAULTS = {
  prefix: SSM_PREFIX,
  stage: 'dev',
  /** A loaded path is fresh this long; after it, it is served while a background refresh runs. */
  ttlMs: 5 * 60_000,
  /** After a failed load, wait this long before trying again (the stale value is served meanwhile). */
  retryAfterErrorMs: 5_000,
  /** A name missing from a loaded path triggers a reload at most this often. */
  missRefreshMs: 1_000,
  /** Each SSM request gives up after this long. */
  requestTimeoutMs: 3_000,
} as const;

/** Options of `ssmRegistry`. */
export interface SsmRegistryOptions {
  /** The SSM client (default: one per process, SDK retries limited to 2 attempts). */
  ssm?: SSMClient;
  /** Default `LAMBDAPORT_STAGE`, else `dev`. */
  stage?: string;
  /** Default `/lambdaport`. */
  prefix?: string;
  ttlMs?: number;
  retryAfterErrorMs?: number;
  missRefreshMs?: number;
  requestTimeoutMs?: number;
  /** Called when a background refresh fails (the last known value keeps being served). */
  onRefreshError?: (error: unknown, path: string) => void;
}

interface PathEntry {
  /** Parameter name → value, once loaded. */
  params: Map<string, string> | undefined;
  /** Resolutions already made from `params` (cleared on reload). */
  resolved: Map<string, ResolvedFunction>;
  loadedAt: number;
  lastAttemptAt: number;
  loading: Promise<void> | undefined;
}

let sharedSsm: SSMClient | undefined;

/**
 * One SSM client per process, made on first use (SDK retries: 2 attempts).
 *
 * @example
 * const ssm = sharedSsmClient();
 */
export function sharedSsmClient(): SSMClient {
  sharedSsm ??= new SSMClient({ maxAttempts: 2 });
  return sharedSsm;
}

/**
 * A registry over SSM Parameter Store: `/lambdaport/<stage>/<service>/<function>` = the function's ARN, and
 * optionally `.../<function>/v<N>` = an alias ARN.
 *
 * @example
 * const registry = ssmRegistry({ stage: 'dev', ssm: new SSMClient({ endpoint: 'http://127.0.0.1:4000' }) });
 * const target = await registry.resolve('records.get', 1);
 */
export function ssmRegistry(options: SsmRegistryOptions = {}): Registry {
  checkKeys('ssmRegistry', options, [
    'ssm',
    'stage',
    'prefix',
    'ttlMs',
    'retryAfterErrorMs',
    'missRefreshMs',
    'requestTimeoutMs',
    'onRefreshError',
  ]);
  const stage = options.stage ?? process.env.LAMBDAPORT_STAGE ?? SSM_REGISTRY_DEFAULTS.stage;
  const prefix = (options.prefix ?? SSM_REGISTRY_DEFAULTS.prefix).replace(/\/+$/, '');
  const ttlMs = options.ttlMs ?? SSM_REGISTRY_DEFAULTS.ttlMs;
  const retryAfterErrorMs = options.retryAfterErrorMs ?? SSM_REGISTRY_DEFAULTS.retryAfterErrorMs;
  const missRefreshMs = options.missRefreshMs ?? SSM_REGISTRY_DEFAULTS.missRefreshMs;
  const requestTimeoutMs = options.requestTimeoutMs ?? SSM_REGISTRY_DEFAULTS.requestTimeoutMs;
  for (const [key, value] of Object.entries({ ttlMs, retryAfterErrorMs, missRefreshMs, requestTimeoutMs })) {
    if (!Number.isFinite(value) || value < 0) throw new TypeError(`ssmRegistry: ${key} must be a number ≥ 0`);
  }
  const stageProblem = stageNameProblem(stage);
  if (stageProblem !== undefined) throw new TypeError(`ssmRegistry: stage: ${stageProblem}`);
  const entries = new Map<string, PathEntry>();

  const load = (path: string, entry: PathEntry): Promise<void> => {
    if (entry.loading) return entry.loading;
    entry.lastAttemptAt = Date.now();
    const ssm = options.ssm ?? sharedSsmClient();
    const run = async () => {
      const params = new Map<string, string>();
      let token: string | undefined;
      do {
        const out = await ssm.send(
          new GetParametersByPathCommand({ Path: path, Recursive: true, WithDecryption: false, NextToken: token }),
          { abortSignal: AbortSignal.timeout(requestTimeoutMs) },
        );
        for (const p of out.Parameters ?? []) {
          if (p.Name !== undefined && p.Value !== undefined) params.set(p.Name, p.Value);
        }
        token = out.NextToken;
      } while (token);
      entry.params = params;
      entry.resolved = new Map();
      entry.loadedAt = Date.now();
    };
    entry.loading = run().finally(() => {
      entry.loading = undefined;
    });
    return entry.loading;
  };

  const lookup = (
    entry: PathEntry,
    name: string,
    version: number,
    parts: FriendlyName,
    param: string,
  ): ResolvedFunction | undefined => {
    const key = `${name}\u0000${version}`;
    const hit = entry.resolved.get(key);
    if (hit) return hit;
    const aliasParam = ssmAliasParameter(stage, parts.service, parts.fn, version, prefix);
    const alias = entry.params?.get(aliasParam);
    const base = entry.params?.get(param);
    let resolved: ResolvedFunction | undefined;
    if (alias !== undefined) {
      const qualified = isQualified(alias);
      resolved = Object.freeze({
        name,
        version,
        functionName: alias,
        qualifier: qualified ? undefined : aliasName(version),
        source: 'ssm' as const,
        parameter: aliasParam,
      });
    } else if (base !== undefined) {
      resolved = Object.freeze({
        name,
        version,
        functionName: base,
        qualifier: isQualified(base) ? undefined : aliasName(version),
        source: 'ssm' as const,
        parameter: param,
      });
    }
    if (resolved) entry.resolved.set(key, resolved);
    return resolved;
  };

  const refreshInBackground = (path: string, entry: PathEntry, now: number) => {
    if (entry.loading || now - entry.lastAttemptAt < retryAfterErrorMs) return;
    load(path, entry).catch((error: unknown) => options.onRefreshError?.(error, path));
  };

  const slowPath = async (
    name: string,
    version: number,
    path: string,
    parts: FriendlyName,
    param: string,
    entry: PathEntry,
    signal: AbortSignal | undefined,
  ): Promise<ResolvedFunction> => {
    const hadValue = entry.params !== undefined;
    try {
      await raceSignal(load(path, entry), signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      if (!hadValue) throw new RegistryUnavailableError(name, version, path, param, { cause: error });
      options.onRefreshError?.(error, path);
    }
    const found = lookup(entry, name, version, parts, param);
    if (found) return found;
    throw new FunctionNotRegisteredError(name, version, param, `SSM path ${path} holds ${entry.params?.size ?? 0}`);
  };

  return {
    invalidate(name: string) {
      const entry = entries.get(ssmServicePath(stage, parseFriendlyName(name).service, prefix));
      if (entry?.params) entry.loadedAt = Math.min(entry.loadedAt, Date.now() - ttlMs);
    },
    resolve(name: string, version: number, resolveOptions?: ResolveOptions) {
      const parts = parseFriendlyName(name);
      const path = ssmServicePath(stage, parts.service, prefix);
      const param = ssmFunctionParameter(stage, parts.service, parts.fn, prefix);
      let entry = entries.get(path);
      if (!entry) {
        entry = { params: undefined, resolved: new Map(), loadedAt: 0, lastAttemptAt: 0, loading: undefined };
        entries.set(path, entry);
      }
      if (entry.params) {
        const now = Date.now();
        if (now - entry.loadedAt >= ttlMs) refreshInBackground(path, entry, now);
        const found = lookup(entry, name, version, parts, param);
        if (found) return found;
        // A miss: the callee may have been deployed after the path was loaded. Reload, but not too often.
        if (now - entry.loadedAt < missRefreshMs || now - entry.lastAttemptAt < missRefreshMs) {
          throw new FunctionNotRegisteredError(name, version, param, `SSM path ${path} holds ${entry.params.size}`);
        }
      }
      return slowPath(name, version, path, parts, param, entry, resolveOptions?.signal);
    },
  };
}

/** Waits for `promise`, or rejects with the signal's reason when it fires first. */
function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
