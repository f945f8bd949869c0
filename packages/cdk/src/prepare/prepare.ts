/**
 * Prepares service dirs for deploy: loads and checks the configs (all services together, so `calls` across them
 * resolve), computes each function's policy, and bundles each function's code. Every problem found, in any
 * service, is reported at once as a ConfigError naming the file and key path; nothing is deployed or synthesized
 * from a service that is not ready.
 */
import { chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  ConfigError,
  type ConfigIssue,
  type FunctionPolicy,
  isConfigError,
  type LoadedService,
  type LocalFunction,
  loadServices,
  type PolicyTarget,
  parseHandler,
  servicePolicies,
} from '@lambdaport/config';
import { BundleError, bundleNodeEntry, type NodeBundle } from './node-bundle.js';
import type { PreparedCode, PreparedService, PrepareOptions } from './types.js';

/**
 * Loads, checks and bundles the services in `dirs` (the CLI's repeated `--dir`). Rejects with a ConfigError listing
 * every problem: an invalid config, a `calls` entry whose service is not among `dirs`, a bundle that fails, a handler
 * export that the bundle does not have.
 *
 * @example
 * const services = await prepareServices(['examples/records', 'examples/orders'], { stage: 'dev' });
 * const app = new App();
 * for (const prepared of services) new LambdaportService(new Stack(app, `dev-${prepared.service.service}`), 'Service', { prepared });
 */
export async function prepareServices(
  dirs: readonly string[],
  options: PrepareOptions = {},
): Promise<PreparedService[]> {
  const services = await loadServices(dirs, options.stage === undefined ? {} : { stage: options.stage });
  const issues: ConfigIssue[] = [];
  for (const service of services) {
    try {
      servicePolicies(service, { region: 'region', accountId: 'account' });
    } catch (error) {
      if (!isConfigError(error)) throw error;
      issues.push(...error.issues);
    }
  }
  const prepared = await Promise.all(
    services.map(async (service) => {
      const bundleDir = options.bundleDir?.(service) ?? path.join(service.dir, '.lambdaport', 'deploy', service.stage);
      const { code, issues: found } = await bundleService(service, bundleDir);
      issues.push(...found);
      return preparedService(service, code);
    }),
  );
  if (issues.length > 0) throw new ConfigError(issues);
  return prepared;
}

/**
 * Prepares one service dir (its `calls` may name only its own functions; use {@link prepareServices} for calls across
 * services).
 *
 * @example
 * const records = await prepareService('examples/records', { stage: 'qa' });
 */
export async function prepareService(dir: string, options: PrepareOptions = {}): Promise<PreparedService> {
  const [prepared] = await prepareServices([dir], options);
  return prepared!;
}

function preparedService(service: LoadedService, code: ReadonlyMap<string, PreparedCode>): PreparedService {
  return {
    service,
    code,
    policies(target: PolicyTarget): ReadonlyMap<string, FunctionPolicy> {
      return new Map(servicePolicies(service, target).map((policy) => [policy.deployedName, policy]));
    },
  };
}

/** The key path of the handler serving a function's major. */
function handlerPath(fn: LocalFunction): string {
  return fn.current ? `functions.${fn.name}.handler` : `functions.${fn.name}.versions.${fn.major}.handler`;
}

/** A folder name from a path inside the service: `src/handlers.ts` → `src-handlers-ts`. */
function folderName(dir: string, file: string): string {
  return path.relative(dir, file).replace(/[^A-Za-z0-9_-]+/g, '-');
}

async function bundleService(
  service: LoadedService,
  bundleDir: string,
): Promise<{ code: Map<string, PreparedCode>; issues: ConfigIssue[] }> {
  const code = new Map<string, PreparedCode>();
  const issues: ConfigIssue[] = [];
  const bundles = new Map<string, Promise<NodeBundle | BundleError>>();
  const pending: { fn: LocalFunction; file: string; exportName: string }[] = [];
  for (const fn of service.functions) {
    const version = fn.versions.get('$LATEST')!;
    if (version.runtime === 'provided') {
      const bootstrap = path.resolve(fn.dir, version.handler);
      const assetDir = path.join(bundleDir, `bootstrap-${folderName(fn.dir, bootstrap)}`);
      rmSync(assetDir, { recursive: true, force: true });
      mkdirSync(assetDir, { recursive: true });
      // Lambda runs the file named `bootstrap` at the root of the package
      copyFileSync(bootstrap, path.join(assetDir, 'bootstrap'));
      chmodSync(path.join(assetDir, 'bootstrap'), 0o755);
      code.set(fn.deployedName, { assetDir, handler: version.handler });
      continue;
    }
    const { file, exportName } = parseHandler(fn.dir, version.handler);
    if (!bundles.has(file)) {
      const outDir = path.join(bundleDir, folderName(fn.dir, file));
      bundles.set(
        file,
        bundleNodeEntry(fn.dir, file, outDir).catch((error: unknown) => {
          if (error instanceof BundleError) return error;
          throw error;
        }),
      );
    }
    pending.push({ fn, file, exportName });
  }
  for (const { fn, file, exportName } of pending) {
    const bundle = await bundles.get(file)!;
    const shown = path.relative(fn.dir, file);
    if (bundle instanceof BundleError) {
      issues.push({
        file: fn.configFile,
        path: handlerPath(fn),
        message: `bundling ${shown} failed: ${bundle.message}`,
      });
      continue;
    }
    const top = exportName.split('.')[0]!;
    if (bundle.exports !== undefined && !bundle.exports.includes(top)) {
      const known = bundle.exports.length === 0 ? 'it has none' : `its exports: ${bundle.exports.join(', ')}`;
      issues.push({
        file: fn.configFile,
        path: handlerPath(fn),
        message: `${shown} has no export "${top}" (${known})`,
      });
      continue;
    }
    code.set(fn.deployedName, { assetDir: bundle.outDir, handler: `index.${exportName}` });
  }
  return { code, issues };
}
