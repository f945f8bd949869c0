/**
 * `loadContracts`: every function's contract, found from the config without running handlers. For each function
 * (each API major) of the services given: the config's `contract` key (`path#export`) names a module export; the
 * module is bundled with esbuild and imported from the service dir (packages resolved there); the export must be a
 * `defineFunction` contract of the major served; its schemas are converted to JSON Schema by their library; its
 * examples are checked against them. Nothing is guessed: each failure is a problem naming the config key.
 */
import path from 'node:path';
import type { LoadedService, LocalFunction } from '@lambdaport/config';
import { functionLabel } from '@lambdaport/config';
import type { AnySchema, FunctionContract } from 'lambdaport';
import { friendlyName } from 'lambdaport/names';
import { findContractExport } from './find-export.js';
import { type LibraryCache, type SchemaIo, toJsonSchema } from './json-schema/convert.js';
import { joinPath } from './json-schema/paths.js';
import { loadEvent } from './load-events.js';
import { describeLoadError, importContractModule } from './service-module.js';
import type {
  ContractProblem,
  ContractProblemKind,
  EventContractProblem,
  JSONSchema,
  LoadedContract,
  LoadedContracts,
  LoadedError,
  LoadedEvent,
  LoadedExample,
} from './types.js';

/**
 * Loads the contract of every function of `services` (as `loadServices` returns them), and of every event they
 * publish (load-events.ts). Never throws for a problem of a contract: each is returned in `problems` (or
 * `eventProblems`: file, key path, what to add or change), and the function (or event) is left out of `contracts`
 * (or `events`).
 *
 * @example
 * const services = await loadServices(['examples/records', 'examples/orders']);
 * const { contracts, problems } = await loadContracts(services);
 * for (const problem of problems) console.error(formatContractProblem(problem));
 */
export async function loadContracts(services: readonly LoadedService[]): Promise<LoadedContracts> {
  const session: Session = { modules: new Map(), libraries: new Map() };
  const contracts: LoadedContract[] = [];
  const problems: ContractProblem[] = [];
  const events: LoadedEvent[] = [];
  const eventProblems: EventContractProblem[] = [];
  const importModule = (file: string, dir: string) => moduleOf(file, dir, session);
  for (const service of services) {
    for (const fn of service.functions) {
      const outcome = await loadOne(service, fn, session);
      if ('contract' in outcome) contracts.push(outcome.contract);
      else problems.push(...outcome.problems);
    }
    // a service loaded by an older @lambdaport/config has no events
    for (const event of service.events ?? []) {
      const outcome = await loadEvent(service, event, importModule, session.libraries);
      if ('event' in outcome) events.push(outcome.event);
      else eventProblems.push(...outcome.problems);
    }
  }
  return { contracts, problems, events, eventProblems };
}

/** What one load shares: each module imported once, each converter library once. */
interface Session {
  readonly modules: Map<string, Promise<{ module: Record<string, unknown>; inputs: string[] }>>;
  readonly libraries: LibraryCache;
}

type Outcome = { readonly contract: LoadedContract } | { readonly problems: readonly ContractProblem[] };

async function loadOne(service: LoadedService, fn: LocalFunction, session: Session): Promise<Outcome> {
  const keyPath = fn.current ? `functions.${fn.name}.contract` : `functions.${fn.name}.versions.${fn.major}.contract`;
  const problem = (kind: ContractProblemKind, message: string): ContractProblem => ({
    kind,
    service: fn.service,
    function: fn.name,
    major: fn.major,
    configFile: fn.configFile,
    keyPath,
    message,
  });
  const ref = fn.contract;
  if (ref === undefined) {
    const where = fn.current ? `functions.${fn.name}` : `functions.${fn.name}.versions.${fn.major}`;
    return {
      problems: [
        problem(
          'no-contract',
          `${functionLabel(fn)} has no contract: add contract: 'src/contract.ts#yourContract' to ${where}, naming the module export that holds its defineFunction(...) contract (the tools never guess it from the handler)`,
        ),
      ],
    };
  }
  const shownFile = path.relative(service.dir, ref.file).split(path.sep).join('/');
  let module: Record<string, unknown>;
  let inputs: string[];
  try {
    ({ module, inputs } = await moduleOf(ref.file, service.dir, session));
  } catch (error) {
    return { problems: [problem('module-not-loaded', `could not load ${shownFile}: ${describeLoadError(error)}`)] };
  }
  const found = findContractExport(module, ref.exportName, shownFile);
  if (!found.ok) return { problems: [problem(found.kind, found.message)] };
  const contract = found.contract;
  const named = `the contract ${contract.name} (${shownFile}#${ref.exportName})`;
  if (contract.version !== fn.major) {
    return {
      problems: [
        problem(
          'version-mismatch',
          `${named} has version ${contract.version}, but ${functionLabel(fn)} serves major ${fn.major}: name the contract of major ${fn.major} here, or change the contract's version`,
        ),
      ],
    };
  }

  const problems: ContractProblem[] = [];
  const convert = async (schema: AnySchema, io: SchemaIo, where: string): Promise<JSONSchema> => {
    const result = await toJsonSchema(schema, io, service.dir, session.libraries);
    if (result.ok) return result.schema;
    for (const part of result.problems) {
      problems.push(
        problem(
          'schema-not-convertible',
          `${named}: ${joinPath(where, part.path)}: ${part.message}; every part of a contract's schemas needs a JSON form (JSON is what travels), such as a string for a date`,
        ),
      );
    }
    return {};
  };
  const inputSchema = await convert(contract.input, 'input', 'input');
  const outputSchema = await convert(contract.output, 'output', 'output');
  const errors: LoadedError[] = [];
  for (const error of contract.errors) {
    errors.push({
      name: error.errorName,
      description: error.description,
      status: error.status,
      dataSchema: await convert(error.schema, 'output', `errors.${error.errorName}.data`),
    });
  }
  const examples = await checkedExamples(contract, (message) => problems.push(problem('invalid-example', message)));
  if (problems.length > 0) return { problems };
  return {
    contract: {
      friendlyName: friendlyName(fn.service, fn.name),
      label: functionLabel(fn),
      service: fn.service,
      function: fn.name,
      major: fn.major,
      current: fn.current,
      version: contract.version,
      contractName: contract.name,
      description: contract.description,
      idempotent: contract.idempotent,
      errors,
      inputSchema,
      outputSchema,
      examples,
      contract,
      source: { file: ref.file, exportName: ref.exportName, keyPath, inputs },
      fn,
    },
  };
}

function moduleOf(
  file: string,
  dir: string,
  session: Session,
): Promise<{ module: Record<string, unknown>; inputs: string[] }> {
  let loading = session.modules.get(file);
  if (loading === undefined) {
    loading = importContractModule(file, dir);
    session.modules.set(file, loading);
  }
  return loading;
}

/** The contract's examples, each checked against its schemas (asynchronous schemas too, unlike defineFunction). */
async function checkedExamples(
  contract: FunctionContract,
  report: (message: string) => void,
): Promise<LoadedExample[]> {
  const examples: LoadedExample[] = [];
  // a contract from an older lambdaport has no examples
  const given = (contract as { examples?: FunctionContract['examples'] }).examples ?? [];
  for (const [i, example] of given.entries()) {
    const hasOutput = 'output' in example;
    const checks: [string, AnySchema, unknown][] = [[`examples[${i}].input`, contract.input, example.input]];
    if (hasOutput) checks.push([`examples[${i}].output`, contract.output, example.output]);
    for (const [where, schema, value] of checks) {
      const issues = await issuesOf(schema, value);
      if (issues.length > 0)
        report(`the contract ${contract.name}: ${where} does not match its schema: ${issues.join('; ')}`);
    }
    examples.push({ name: example.name, input: example.input, output: example.output, hasOutput });
  }
  return examples;
}

async function issuesOf(schema: AnySchema, value: unknown): Promise<string[]> {
  const result = await schema['~standard'].validate(value);
  if (result.issues === undefined) return [];
  return result.issues.map((issue) => {
    const at = (issue.path ?? [])
      .map((step) => (typeof step === 'object' && step !== null ? step.key : step))
      .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
      .join('')
      .replace(/^\./, '');
    return at === '' ? issue.message : `${at}: ${issue.message}`;
  });
}
