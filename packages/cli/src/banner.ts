/**
 * The banner `lambdaport dev` prints once ready: the endpoint, each function (friendly name, deployed name,
 * Function URL), tables, and commands to copy and paste.
 */
import { friendlyName } from 'lambdaport/names';
import pc from 'picocolors';

/** What the banner shows about one function. */
export interface BannerFunction {
  readonly service: string;
  readonly name: string;
  readonly deployedName: string;
  /** Its Function URL, when it has one. */
  readonly url: string | undefined;
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
  readonly stage: string;
  readonly region: string;
  /** The state folder, or undefined when ephemeral. */
  readonly state: string | undefined;
  readonly watch: boolean;
  /** The queue of asynchronous (`Event`) invocations. */
  readonly events?: BannerEvents | undefined;
  readonly functions: readonly BannerFunction[];
  readonly tables: readonly BannerTable[];
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
  if (info.events !== undefined) lines.push(pc.dim(`  ${eventsLine(info.events)}`));
  lines.push('');
  lines.push(pc.bold('Functions'));
  if (info.functions.length === 0) lines.push(pc.dim('  (none)'));
  const width = Math.max(0, ...info.functions.map((fn) => friendlyName(fn.service, fn.name).length));
  for (const fn of info.functions) {
    lines.push(`  ${pc.green(friendlyName(fn.service, fn.name).padEnd(width))}  ${fn.deployedName}`);
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
  const first = info.functions[0];
  const withUrl = info.functions.find((fn) => fn.url !== undefined);
  lines.push('');
  lines.push(pc.bold('Try'));
  lines.push(
    `  export AWS_ENDPOINT_URL=${info.url} AWS_REGION=${info.region} AWS_DEFAULT_REGION=${info.region} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test`,
  );
  if (first !== undefined) {
    // AWS CLI v1 and v2 alike: the payload as raw bytes from stdin (v2 reads an inline --payload as base64)
    lines.push(
      `  echo '{"id":1}' | aws lambda invoke --endpoint-url ${info.url} --function-name ${first.deployedName} --payload fileb:///dev/stdin /dev/stdout`,
    );
    lines.push(`  npx lambdaport invoke ${friendlyName(first.service, first.name)} --payload '{"id":1}' --log`);
  }
  if (withUrl?.url !== undefined) lines.push(`  curl '${withUrl.url}?id=1'`);
  lines.push('');
  lines.push(pc.dim('Function logs follow. Ctrl-C stops everything.'));
  lines.push('');
  return `${lines.join('\n')}\n`;
}

/** The banner's line about the Event queue: where it is kept, and the retry delays (short locally). */
export function eventsLine(events: BannerEvents): string {
  const delays = events.retryDelaysMs.map((ms) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`)).join(', ');
  const where = events.durable
    ? `events queued durably in ${events.file}`
    : 'events queued in memory (--ephemeral): accepted events not yet run are lost at stop';
  return `${where} · retries after ${delays} (AWS: about 1 and 2 minutes)`;
}
