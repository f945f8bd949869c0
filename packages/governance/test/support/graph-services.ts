/**
 * Fixture services for the graph: several JSON configs in one temporary folder (one sub-folder per service), loaded
 * as `lambdaport graph` loads them. Functions are `{ calls }`; a function may name a contract module of its own,
 * written with `idempotent` as given, when its idempotency matters.
 */
import path from 'node:path';
import { type LoadedService, loadServices } from '@lambdaport/config';
import { type LoadedContract, loadContracts } from '../../src/index.js';
import { serviceDir } from './service-dir.js';

/** A function of a fixture service. */
export interface FixtureFunction {
  readonly calls?: readonly string[];
  /** Give it a contract with this idempotency. */
  readonly idempotent?: boolean;
}

/**
 * Writes and loads the services (service → function → fixture).
 *
 * @example
 * const { services, contracts, remove } = await graphServices({ a: { f: { calls: ['b.g'] } }, b: { g: {} } });
 */
export async function graphServices(
  layout: Record<string, Record<string, FixtureFunction>>,
): Promise<{ services: LoadedService[]; contracts: readonly LoadedContract[]; remove(): void }> {
  const files: Record<string, string> = {};
  for (const [service, functions] of Object.entries(layout)) {
    const config: Record<string, unknown> = {};
    const contracts: string[] = [];
    for (const [fn, fixture] of Object.entries(functions)) {
      const entry: Record<string, unknown> = { handler: 'src/handlers.mjs#handler', calls: fixture.calls ?? [] };
      if (fixture.idempotent !== undefined) {
        entry.contract = `src/contract.mjs#${fn}`;
        contracts.push(
          `export const ${fn} = defineFunction({ name: '${service}.${fn}', version: 1, description: 'A fixture.', input: z.object({}), output: z.object({}), idempotent: ${fixture.idempotent} });`,
        );
      }
      config[fn] = entry;
    }
    files[`${service}/lambdaport.config.json`] = JSON.stringify({ service, functions: config });
    files[`${service}/src/handlers.mjs`] = 'export const handler = async () => ({});\n';
    if (contracts.length > 0) {
      files[`${service}/src/contract.mjs`] = [
        "import { defineFunction } from 'lambdaport';",
        "import { z } from 'zod';",
        ...contracts,
        '',
      ].join('\n');
    }
  }
  const dir = serviceDir(files);
  try {
    const services = await loadServices(Object.keys(layout).map((s) => path.join(dir.dir, s)));
    const { contracts } = await loadContracts(services);
    return { services, contracts, remove: dir.remove };
  } catch (error) {
    dir.remove();
    throw error;
  }
}
