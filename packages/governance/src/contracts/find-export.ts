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
  let value: unknown = module;
  const steps = exportName.split('.');
  for (const [i, step] of steps.entries()) {
    const holder = value;
    value =
      (typeof holder === 'object' || typeof holder === 'function') && holder !== null && Object.hasOwn(holder, step)
        ? (holder as Record<string, unknown>)[step]
        : undefined;
    if (value === undefined) {
      const at = steps.slice(0, i + 1).join('.');
      const contracts = Object.keys(module).filter((key) => isFunctionContract(module[key]));
      const known = contracts.length > 0 ? `its contract exports: ${contracts.join(', ')}` : 'it exports no contract';
      return { ok: false, kind: 'missing-export', message: `${shownFile} has no export ${at} (${known})` };
    }
  }
  if (isFunctionContract(value)) return { ok: true, contract: value };
  return {
    ok: false,
    kind: 'not-a-contract',
    message: `${shownFile}#${exportName} is ${describeValue(value)}, not a function contract: name an export made by defineFunction({ name, version, description, input, output })`,
  };
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

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  const kind = (value as { kind?: unknown } | undefined)?.kind;
  if (kind === 'lambdaport.implementation') {
    return 'an implementation (implement()): name the contract it implements instead';
  }
  if (typeof value === 'function') return 'a function (a handler?)';
  if (typeof value === 'object' && value !== null && '~standard' in value) return 'a schema';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}
