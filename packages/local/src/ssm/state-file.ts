/**
 * The SSM state file (`<state>/ssm.json`): its format, and the check every file passes before the runtime starts on
 * it. Format 2 keeps each parameter's versions (up to 100, as Parameter Store does); format 1, written by earlier
 * versions, kept only the latest and is read as a history of one version.
 *
 * ```json
 * { "format": "lambdaport-ssm/2",
 *   "parameters": [{ "name": "/a/b", "versions": [{ "version": 1, "type": "String", "value": "x",
 *                                                   "lastModified": 1764300000000, "dataType": "text" }] }] }
 * ```
 */
import { MAX_VERSIONS, nameProblem, PARAMETER_TYPES, type StoredParameter } from './parameter.js';

/** The format written now. */
export const STATE_FORMAT = 'lambdaport-ssm/2';
const FORMAT_1 = 'lambdaport-ssm/1';

/** One parameter in a format-2 file. */
interface StateParameter {
  readonly name: string;
  readonly versions: readonly Omit<StoredParameter, 'name'>[];
}

/** What a format-2 file holds. */
export interface StateFile {
  readonly format: typeof STATE_FORMAT;
  readonly parameters: readonly StateParameter[];
}

/** A state file that is not one, or holds an entry the runtime cannot serve; the message names the file and entry. */
export class SsmStateError extends Error {
  override readonly name = 'SsmStateError';
}

const RECOVERY = 'fix or delete the file, or start with --state <another folder> (or --ephemeral)';

/**
 * Parses and checks the text of a state file; resolves every parameter's versions, oldest first. Throws
 * {@link SsmStateError} naming the file and the first bad entry (its index and name) and what is wrong with it.
 *
 * @example
 * const parameters = readStateFile(text, '.lambdaport/ssm.json'); // Map<name, StoredParameter[]>
 */
export function readStateFile(text: string, file: string): Map<string, StoredParameter[]> {
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (error) {
    throw new SsmStateError(`${file}: not a lambdaport SSM state file (${(error as Error).message}); ${RECOVERY}`);
  }
  const format = (state as { format?: unknown } | null)?.format;
  const entries = (state as { parameters?: unknown } | null)?.parameters;
  if ((format !== STATE_FORMAT && format !== FORMAT_1) || !Array.isArray(entries)) {
    throw new SsmStateError(
      `${file}: not a lambdaport SSM state file (expected {"format":"${STATE_FORMAT}","parameters":[...]}); ${RECOVERY}`,
    );
  }
  const parameters = new Map<string, StoredParameter[]>();
  entries.forEach((entry: unknown, index) => {
    const where = (name?: unknown): string =>
      `${file}: parameters[${index}]${typeof name === 'string' ? ` (${name})` : ''}`;
    const fail = (problem: string, name?: unknown): never => {
      throw new SsmStateError(`${where(name)}: ${problem}; ${RECOVERY}`);
    };
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail('expected an object');
    const record = entry as Record<string, unknown>;
    const name = record.name;
    if (typeof name !== 'string') fail(`name must be a string, got ${JSON.stringify(name)}`);
    const problem = nameProblem(name as string);
    if (problem !== undefined) fail(`name ${problem}`, name);
    if (parameters.has(name as string)) fail('the same name appears twice', name);
    const versions = format === FORMAT_1 ? [record] : record.versions;
    if (!Array.isArray(versions) || versions.length === 0) fail('versions must be a non-empty array', name);
    const checked = (versions as unknown[]).map((version, i) => {
      const at = format === FORMAT_1 ? '' : `versions[${i}]: `;
      const versionProblem = versionFieldsProblem(version);
      if (versionProblem !== undefined) fail(`${at}${versionProblem}`, name);
      return { ...(version as Omit<StoredParameter, 'name'>), name: name as string };
    });
    for (let i = 1; i < checked.length; i++) {
      if (checked[i]!.version <= checked[i - 1]!.version) fail('versions must be in increasing order', name);
    }
    parameters.set(name as string, checked.slice(-MAX_VERSIONS));
  });
  return parameters;
}

function versionFieldsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected an object';
  const v = value as Record<string, unknown>;
  if (typeof v.version !== 'number' || !Number.isSafeInteger(v.version) || v.version < 1) {
    return `version must be a whole number from 1, got ${JSON.stringify(v.version)}`;
  }
  if (!PARAMETER_TYPES.includes(v.type as never)) {
    return `type must be one of ${PARAMETER_TYPES.join(', ')}, got ${JSON.stringify(v.type)}`;
  }
  if (typeof v.value !== 'string') return `value must be a string, got ${JSON.stringify(v.value)}`;
  if (typeof v.lastModified !== 'number' || !Number.isFinite(v.lastModified) || v.lastModified < 0) {
    return `lastModified must be epoch milliseconds, got ${JSON.stringify(v.lastModified)}`;
  }
  if (typeof v.dataType !== 'string') return `dataType must be a string, got ${JSON.stringify(v.dataType)}`;
  if (v.description !== undefined && typeof v.description !== 'string') {
    return `description must be a string, got ${JSON.stringify(v.description)}`;
  }
  return undefined;
}

/**
 * The file's content for these parameters (each with its versions, oldest first), sorted by name.
 *
 * @example
 * await writeFile(file, `${JSON.stringify(toStateFile(store.histories()), null, 2)}\n`);
 */
export function toStateFile(histories: Iterable<readonly StoredParameter[]>): StateFile {
  const parameters: StateParameter[] = [];
  for (const history of histories) {
    const first = history[0];
    if (first === undefined) continue;
    parameters.push({ name: first.name, versions: history.map(({ name: _name, ...version }) => version) });
  }
  parameters.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { format: STATE_FORMAT, parameters };
}
