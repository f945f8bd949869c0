/**
 * Reads a function's contract from its service: the module the config's `contract` names (`src/contract.ts#getRecord`)
 * is bundled by esbuild (its packages left to the service's node_modules) into a hidden file beside it, imported, and
 * removed. Its `examples` (`[{ name?, input, output? }]`) give the inputs of sample events.
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ContractRef } from '@lambdaport/config';
import { build } from 'esbuild';

/** One example of a contract: an input a caller sends. */
export interface ContractExample {
  readonly name: string | undefined;
  readonly input: unknown;
}

/**
 * The examples of the contract at `ref`; an empty list when it has none. Throws an Error naming the file and export
 * when the module does not load or has no such export.
 *
 * @example
 * const [first] = await contractExamples({ file: '/srv/records/src/contract.ts', exportName: 'getRecord' });
 */
export async function contractExamples(ref: ContractRef): Promise<ContractExample[]> {
  const module = await importModule(ref.file);
  let value: unknown = module;
  for (const key of ref.exportName.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  if (value === undefined) {
    throw new Error(`${ref.file} has no export ${JSON.stringify(ref.exportName)}`);
  }
  const examples = (value as { examples?: unknown }).examples;
  if (!Array.isArray(examples)) return [];
  return examples
    .filter((example): example is { name?: unknown; input: unknown } => typeof example === 'object' && example !== null)
    .filter((example) => 'input' in example)
    .map((example) => ({
      name: typeof example.name === 'string' ? example.name : undefined,
      input: example.input,
    }));
}

async function importModule(file: string): Promise<Record<string, unknown>> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.mjs`,
  );
  await writeFile(temp, result.outputFiles[0]?.text ?? '');
  try {
    return (await import(pathToFileURL(temp).href)) as Record<string, unknown>;
  } finally {
    await rm(temp, { force: true });
  }
}
