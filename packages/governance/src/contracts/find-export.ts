/**
 * Finds a contract in a module's exports: the export a `contract` key names (possibly a dotted path, `api.getRecord`),
 * and whether it is a contract made by `defineFunction`. Every refusal says what was found and what to write.
 */
import type { FunctionContract } from 'lambdaport';

/** The export found, or why not. */
export type ExportLookup =
  | { readonly ok: true; readonly contract: FunctionContract }
  | { readonly ok: false; readonly kind: 'missing-export' | 'not-a-contract'; readonly message: string };

/**
 * Looks `exportName` up in `module` (`shownFile` names it in messages).
 *
 * @example
 * const found = findContractExport(await import('./contract.js'), 'getRecord', 'src/contract.ts');
 */
export function findContractExport(
  module: Record<string, unknown>,
  exportName: string,
  shownFile: string,
): ExportLookup {
  const found = exportAt(module, exportName);
  if (!found.ok) {
    const contracts = Object.keys(module).filter((key) => isFunctionContract(module[key]));
    const known = contracts.length > 0 ? `its contract exports: ${contracts.join(', ')}` : 'it exports no contract';
    return { ok: false, kind: 'missing-export', message: `${shownFile} has no export ${found.missing} (${known})` };
  }
  const value = found.value;
  if (isFunctionContract(value)) return { ok: true, contract: value };
  return {
    ok: false,
    kind: 'not-a-contract',
    message: `${shownFile}#${exportName} is ${describeValue(value)}, not a function contract: name an export made by defineFunction({ name, version, description, input, output })`,
  };
}

/**
 * The value at `exportName` (a dotted path) in `module`, or the first step of the path that is missing.
 *
 * @example
 * exportAt({ api: { get: 1 } }, 'api.get'); // { ok: true, value: 1 }
 * exportAt({ api: {} }, 'api.get'); // { ok: false, missing: 'api.get' }
 */
export function exportAt(
  module: Record<string, unknown>,
  exportName: string,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly missing: string } {
  let value: unknown = module;
  const steps = exportName.split('.');
  for (const [i, step] of steps.entries()) {
    const holder = value;
    value =
      (typeof holder === 'object' || typeof holder === 'function') && holder !== null && Object.hasOwn(holder, step)
        ? (holder as Record<string, unknown>)[step]
        : undefined;
    if (value === undefined) return { ok: false, missing: steps.slice(0, i + 1).join('.') };
  }
  return { ok: true, value };
}

/**
 * True for a contract made by `defineFunction` (by its `kind`, so a contract from another copy of lambdaport counts).
 *
 * @example
 * isFunctionContract(getRecord); // true
 */
export function isFunctionContract(value: unknown): value is FunctionContract {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { kind?: unknown; input?: unknown; output?: unknown };
  return candidate.kind === 'lambdaport.function' && hasStandard(candidate.input) && hasStandard(candidate.output);
}

function hasStandard(schema: unknown): boolean {
  return (typeof schema === 'object' || typeof schema === 'function') && schema !== null && '~standard' in schema;
}

/** What a value is, in words, for a refusal. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  const kind = (value as { kind?: unknown } | undefined)?.kind;
  if (kind === 'lambdaport.implementation') {
    return 'an implementation (implement()): name the contract it implements instead';
  }
  if (kind === 'lambdaport.function') return 'a function contract (defineFunction)';
  if (kind === 'lambdaport.event') return 'an event contract (defineEvent)';
  if (typeof value === 'function') return 'a function (a handler?)';
  if (typeof value === 'object' && value !== null && '~standard' in value) return 'a schema';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}
