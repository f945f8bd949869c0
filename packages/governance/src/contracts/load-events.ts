/**
 * The contracts of the events a service publishes, loaded as function contracts are: the config's
 * `events.<Name>.contract` (`path#export`) names a module export, bundled and imported from the service dir; it must be
 * a `defineEvent` value whose `source` is the service's name and whose `detailType` is the key (what the wire says);
 * its detail schema is converted to JSON Schema by its library. Each failure is a problem naming the config key.
 */
import path from 'node:path';
import type { LoadedService, LocalEvent } from '@lambdaport/config';
import { isEventContract } from 'lambdaport';
import { describeValue, exportAt } from './find-export.js';
import type { LibraryCache } from './json-schema/convert.js';
import { toJsonSchema } from './json-schema/convert.js';
import { joinPath } from './json-schema/paths.js';
import { describeLoadError } from './service-module.js';
import type { EventContractProblem, EventContractProblemKind, LoadedEvent } from './types.js';

/** How a module is imported (shared with the function contracts' load: each module once). */
export type ModuleImporter = (
  file: string,
  dir: string,
) => Promise<{ module: Record<string, unknown>; inputs: string[] }>;

/** One event loaded, or its problems. */
export type EventOutcome = { readonly event: LoadedEvent } | { readonly problems: readonly EventContractProblem[] };

/**
 * Loads the contract of one event of `service` (an event without a contract loads with none).
 *
 * @example
 * const outcome = await loadEvent(orders, orders.events[0], importContractModule, new Map());
 * if ('event' in outcome) console.log(outcome.event.detailSchema);
 */
export async function loadEvent(
  service: LoadedService,
  event: LocalEvent,
  importModule: ModuleImporter,
  libraries: LibraryCache,
): Promise<EventOutcome> {
  const label = `${event.service}.${event.name}`;
  const base = {
    label,
    service: event.service,
    name: event.name,
    description: event.description,
    event,
  };
  const ref = event.contract;
  if (ref === undefined) {
    return { event: { ...base, version: undefined, detailSchema: undefined, contract: undefined, source: undefined } };
  }
  const keyPath = `${event.keyPath}.contract`;
  const problem = (kind: EventContractProblemKind, message: string): EventContractProblem => ({
    kind,
    service: event.service,
    event: event.name,
    configFile: service.configFile,
    keyPath,
    message,
  });
  const shownFile = path.relative(service.dir, ref.file).split(path.sep).join('/');
  let module: Record<string, unknown>;
  let inputs: string[];
  try {
    ({ module, inputs } = await importModule(ref.file, service.dir));
  } catch (error) {
    return { problems: [problem('module-not-loaded', `could not load ${shownFile}: ${describeLoadError(error)}`)] };
  }
  const found = exportAt(module, ref.exportName);
  if (!found.ok) {
    const events = Object.keys(module).filter((key) => isEventContract(module[key]));
    const known = events.length > 0 ? `its event exports: ${events.join(', ')}` : 'it exports no event contract';
    return { problems: [problem('missing-export', `${shownFile} has no export ${found.missing} (${known})`)] };
  }
  const contract = found.value;
  const named = `${shownFile}#${ref.exportName}`;
  if (!isEventContract(contract)) {
    return {
      problems: [
        problem(
          'not-an-event',
          `${named} is ${describeValue(contract)}, not an event contract: name an export made by defineEvent({ source, detailType, version, description, detail })`,
        ),
      ],
    };
  }
  const mismatches: EventContractProblem[] = [];
  if (contract.source !== event.service) {
    mismatches.push(
      problem(
        'event-mismatch',
        `the event contract ${named} has source ${JSON.stringify(contract.source)}, but ${label} is published by the service ${JSON.stringify(event.service)} (the source on the wire): make its source ${JSON.stringify(event.service)}`,
      ),
    );
  }
  if (contract.detailType !== event.name) {
    mismatches.push(
      problem(
        'event-mismatch',
        `the event contract ${named} has detailType ${JSON.stringify(contract.detailType)}, but it is declared as events.${event.name} (the detail type on the wire): make its detailType ${JSON.stringify(event.name)}, or name the contract of ${event.name} here`,
      ),
    );
  }
  if (mismatches.length > 0) return { problems: mismatches };
  const converted = await toJsonSchema(contract.detail, 'input', service.dir, libraries);
  if (!converted.ok) {
    return {
      problems: converted.problems.map((part) =>
        problem(
          'schema-not-convertible',
          `the event contract ${named}: ${joinPath('detail', part.path)}: ${part.message}; every part of an event's detail needs a JSON form (JSON is what travels), such as a string for a date`,
        ),
      ),
    };
  }
  return {
    event: {
      ...base,
      description: contract.description,
      version: contract.version,
      detailSchema: converted.schema,
      contract,
      source: { file: ref.file, exportName: ref.exportName, keyPath, inputs },
    },
  };
}
