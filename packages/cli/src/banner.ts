/**
 * The banner `lambdaport dev` prints once ready: the endpoint, the Node and the memory budget of the execution
 * environments, each function (friendly name, deployed name, its Node runtime when not the host's, Function URL),
 * tables, commands to copy and paste (each function's payload from its contract's example), and the address of the
 * docs.
 */
import { queryOf, shellQuote } from '@lambdaport/governance';
import { isLoopback } from '@lambdaport/local';
import { friendlyName } from 'lambdaport/names';
import pc from 'picocolors';

/** What the banner shows about one function. */
export interface BannerFunction {
  readonly service: string;
  readonly name: string;
  readonly deployedName: string;
  /** Its Function URL, when it has one. */
  readonly url: string | undefined;
  /**
   * The Node runtime its config names, when it is not the host's own Node: `{ runtime: 'nodejs22.x', version:
   * '22.23.3', path }`.
   */
  readonly node?: { readonly runtime: string; readonly version: string | undefined; readonly path: string } | undefined;
  /** The input of its contract's first example; undefined when there is none (`{}` is sent). */
  readonly sample: { readonly input: unknown } | undefined;
  /** Why there is no sample: `its contract has no example`, `it has no contract`. */
  readonly noSample?: string | undefined;
  /**
   * The queue that feeds it (its config's `queue`), with what it subscribes to: such a function takes SQS batches,
   * not its contract's input, so the banner says how it is fed instead of an invoke line.
   */
  readonly queue?: { readonly name: string; readonly subscribes: readonly string[] } | undefined;
}

/** What the banner shows about one table. */
export interface BannerTable {
  readonly service: string;
  readonly name: string;
  readonly tableName: string;
  readonly seedFile: string | undefined;
}

/** What the banner shows about the queue of asynchronous invocations. */
export interface BannerEvents {
  readonly durable: boolean;
  readonly file: string | undefined;
  readonly retryDelaysMs: readonly number[];
}

/** Everything the banner shows. */
export interface BannerInfo {
  /** `http://127.0.0.1:3000`. */
  readonly url: string;
  /** The address bound (`--host`); a non-loopback one gets a warning. Default: loopback. */
  readonly host?: string | undefined;
  /** The IAM mode (`--iam`), shown when given. */
  readonly iam?: 'enforce' | 'warn' | 'off' | undefined;
  readonly stage: string;
  readonly region: string;
  /** The state folder, or undefined when ephemeral. */
  readonly state: string | undefined;
  readonly watch: boolean;
  /** The Node running lambdaport (and every function that names no other): `20.20.2`. */
  readonly hostNode?: string | undefined;
  /** The environments' memory budget (MB; `Infinity`: none) and whether it is the default or was given. */
  readonly memory?: { readonly limitMb: number; readonly source: 'default' | 'given' } | undefined;
  /** The queue of asynchronous (`Event`) invocations. */
  readonly events?: BannerEvents | undefined;
  readonly functions: readonly BannerFunction[];
  readonly tables: readonly BannerTable[];
  /** The address of the HTML docs of the services, when served. */
  readonly docsUrl?: string | undefined;
}

/**
 * Renders the banner (colours follow picocolors: off when not a TTY or with NO_COLOR).
 *
 * @example
 * process.stdout.write(renderBanner({ url, stage: 'dev', region: 'us-east-1', state, watch: true, functions, tables }));
 */
export function renderBanner(info: BannerInfo): string {
  const lines: string[] = [];
  lines.push('');
  lines.push(`${pc.bold(pc.cyan('lambdaport dev'))}  ${pc.bold(info.url)}`);
  lines.push(
    pc.dim(
      `  stage ${info.stage} · region ${info.region} · state ${info.state ?? 'in memory (--ephemeral)'} · ${info.watch ? 'watching for changes' : 'not watching'}`,
    ),
  );
  if (info.host !== undefined && !isLoopback(info.host)) lines.push(...exposedWarning(info.host));
  if (info.iam !== undefined) lines.push(pc.dim(`  ${iamLine(info.iam)}`));
  const environments: string[] = [];
  if (info.hostNode !== undefined) environments.push(`Node ${info.hostNode}`);
  if (info.memory !== undefined) environments.push(memoryText(info.memory));
  if (environments.length > 0) lines.push(pc.dim(`  environments: ${environments.join(' · ')}`));
  if (info.events !== undefined) lines.push(pc.dim(`  ${eventsLine(info.events)}`));
  lines.push('');
  lines.push(pc.bold('Functions'));
  if (info.functions.length === 0) lines.push(pc.dim('  (none)'));
  const width = Math.max(0, ...info.functions.map((fn) => friendlyName(fn.service, fn.name).length));
  for (const fn of info.functions) {
    lines.push(`  ${pc.green(friendlyName(fn.service, fn.name).padEnd(width))}  ${fn.deployedName}`);
    if (fn.node !== undefined) {
      const version = fn.node.version === undefined ? '' : ` (Node ${fn.node.version}, ${fn.node.path})`;
      lines.push(`  ${' '.repeat(width)}  ${pc.dim('runtime')} ${fn.node.runtime}${version}`);
    }
    if (fn.url !== undefined) lines.push(`  ${' '.repeat(width)}  ${pc.dim('url')} ${pc.underline(fn.url)}`);
  }
  if (info.tables.length > 0) {
    lines.push('');
    lines.push(pc.bold('Tables'));
    const tableWidth = Math.max(...info.tables.map((t) => `${t.service}.${t.name}`.length));
    for (const table of info.tables) {
      const seed = table.seedFile === undefined ? '' : pc.dim(`  seeded from ${table.seedFile} when created`);
      lines.push(`  ${pc.green(`${table.service}.${table.name}`.padEnd(tableWidth))}  ${table.tableName}${seed}`);
    }
  }
  const invokable = info.functions.filter((fn) => fn.url === undefined && fn.queue === undefined);
  const first = invokable[0];
  lines.push('');
  lines.push(pc.bold('Try'));
  lines.push(
    `  export AWS_ENDPOINT_URL=${info.url} AWS_REGION=${info.region} AWS_DEFAULT_REGION=${info.region} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test`,
  );
  if (first !== undefined) {
    // AWS CLI v1 and v2 alike: the payload as raw bytes from stdin (v2 reads an inline --payload as base64)
    lines.push(
      `  echo ${payloadOf(first)} | aws lambda invoke --endpoint-url ${info.url} --function-name ${first.deployedName} --payload fileb:///dev/stdin /dev/stdout`,
    );
  }
  for (const fn of invokable) {
    // an older major's function by its deployed name (its friendly name means the current major's)
    const name = fn.name.includes('@') ? fn.deployedName : friendlyName(fn.service, fn.name);
    lines.push(`  npx lambdaport invoke ${name} --payload ${payloadOf(fn)} --log`);
  }
  for (const fn of info.functions) {
    if (fn.url === undefined) continue;
    const input = fn.sample?.input ?? {};
    const query = queryOf(input);
    lines.push(
      query === undefined
        ? `  curl -X POST -H 'content-type: application/json' --data ${shellQuote(JSON.stringify(input))} '${fn.url}'`
        : `  curl '${fn.url}${query}'`,
    );
  }
  for (const fn of info.functions) {
    if (fn.queue === undefined) continue;
    const what = fn.queue.subscribes.length === 0 ? '' : ` (subscribes to ${fn.queue.subscribes.join(', ')})`;
    lines.push(
      pc.dim(
        `  (${friendlyName(fn.service, fn.name)}: fed by its queue ${fn.queue.name}${what}: publish its events, or send to the queue)`,
      ),
    );
  }
  const unsampled = info.functions.filter((fn) => fn.sample === undefined && fn.queue === undefined);
  for (const fn of unsampled) {
    lines.push(
      pc.dim(
        `  (${friendlyName(fn.service, fn.name)}: {} is sent, ${fn.noSample ?? 'its contract has no example'}; add examples to its contract)`,
      ),
    );
  }
  if (info.docsUrl !== undefined) {
    lines.push('');
    lines.push(`${pc.bold('Docs')}  ${pc.underline(info.docsUrl)}`);
  }
  lines.push('');
  lines.push(pc.dim('Function logs follow. Ctrl-C stops everything.'));
  lines.push('');
  return `${lines.join('\n')}\n`;
}

function memoryText(memory: NonNullable<BannerInfo['memory']>): string {
  if (memory.limitMb === Number.POSITIVE_INFINITY) return 'no memory budget';
  const how = memory.source === 'default' ? 'a quarter of this machine, --max-memory to change' : '--max-memory';
  return `memory budget ${memory.limitMb.toLocaleString('en-US')} MB (${how})`;
}

/** The function's sample payload, quoted for a shell: its contract example's input, else `{}`. */
function payloadOf(fn: BannerFunction): string {
  return shellQuote(JSON.stringify(fn.sample?.input ?? {}));
}

/** The banner's line about the Event queue: where it is kept, and the retry delays (short locally). */
export function eventsLine(events: BannerEvents): string {
  const delays = events.retryDelaysMs.map((ms) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`)).join(', ');
  const where = events.durable
    ? `events queued durably in ${events.file}`
    : 'events queued in memory (--ephemeral): accepted events not yet run are lost at stop';
  return `${where} · retries after ${delays} (AWS: about 1 and 2 minutes)`;
}

/** The warning of a front door other machines can reach (docs/design/iam.md). */
function exposedWarning(host: string): string[] {
  return [
    pc.yellow(
      `  ${pc.bold('warning')}: listening on ${host}, reachable from other machines. Only requests signed with a key this runtime knows are served`,
    ),
    pc.yellow(
      '  (the test key and the functions’ own); anyone holding the test key can invoke every function and read the stored parameters and tables.',
    ),
  ];
}

/** The IAM mode in words (docs/design/iam.md). */
function iamLine(mode: 'enforce' | 'warn' | 'off'): string {
  if (mode === 'enforce')
    return 'iam: enforce: each function may call only what its config grants (calls, tables), as in AWS';
  if (mode === 'warn')
    return 'iam: warn: calls a function’s policy does not allow are logged with their fix, and let through';
  return 'iam: off: functions may call anything (signatures are still checked)';
}
