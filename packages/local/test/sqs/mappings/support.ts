/**
 * A service for the event source mapping tests, written to a temporary folder: its functions append each SQS event
 * they get to `<dir>/seen.jsonl` (what the tests read), and answer as the message bodies ask (`fail`: reported as a
 * batch item failure, `throw`: the whole invocation fails, `hold`: wait until the file `<dir>/release` exists).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';

const HANDLERS = `import { appendFileSync, existsSync } from 'node:fs';
import path from 'node:path';
const dir = process.env.SEEN_DIR;
const seen = (name, event) =>
  appendFileSync(path.join(dir, 'seen.jsonl'), JSON.stringify({ fn: name, at: Date.now(), records: event.Records }) + '\\n');
const bodies = (event) => event.Records.map((r) => { try { return JSON.parse(r.body); } catch { return {}; } });
export const consume = async (event) => {
  seen('consume', event);
  const all = bodies(event);
  if (all.some((b) => b.throw)) throw new Error('asked to fail');
  while (all.some((b) => b.hold) && !existsSync(path.join(dir, 'release'))) await new Promise((r) => setTimeout(r, 5));
  appendFileSync(path.join(dir, 'done.jsonl'), JSON.stringify({ at: Date.now(), first: event.Records[0].messageId }) + '\\n');
  return { batchItemFailures: event.Records.filter((r, i) => all[i].fail).map((r) => ({ itemIdentifier: r.messageId })) };
};
export const whoami = async () => ({
  accessKeyId: process.env.AWS_ACCESS_KEY_ID,
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
  sessionToken: process.env.AWS_SESSION_TOKEN,
});
export const unknownItem = async (event) => {
  seen('unknownItem', event);
  return { batchItemFailures: [{ itemIdentifier: 'not-a-message-of-the-batch' }] };
};
`;

/** One record as the function got it. */
export interface SeenRecord {
  readonly messageId: string;
  readonly body: string;
  readonly [field: string]: unknown;
}

/** One invocation as the function saw it. */
export interface Seen {
  readonly fn: string;
  readonly at: number;
  readonly records: SeenRecord[];
}

/**
 * Writes the service (functions `consume`, `slow` (timeout 60 s), `unknownItem`, `held` (reserved concurrency 1),
 * `whoami` (answers its role's credentials))
 * and answers its folder.
 */
export function writeService(extra = ''): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-esm-'));
  writeFileSync(path.join(dir, 'handlers.mjs'), HANDLERS);
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  const env = `environment: { SEEN_DIR: ${JSON.stringify(dir)} }`;
  writeFileSync(
    path.join(dir, 'lambdaport.config.mjs'),
    `export default { service: 'esm', stage: 'test', functions: {
  consume: { handler: 'handlers.mjs#consume', timeout: 2, ${env} },
  slow: { handler: 'handlers.mjs#consume', timeout: 60, ${env} },
  unknownItem: { handler: 'handlers.mjs#unknownItem', timeout: 2, ${env} },
  held: { handler: 'handlers.mjs#consume', timeout: 30, reservedConcurrency: 1, ${env} },
  whoami: { handler: 'handlers.mjs#whoami' },
} ${extra} };\n`,
  );
  return dir;
}

/** The invocations seen so far, oldest first. */
export function seen(dir: string): Seen[] {
  const file = path.join(dir, 'seen.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Seen);
}

/** When each invocation of `consume` ended, by the message id of its first record. */
export function ends(dir: string): Map<string, number> {
  const file = path.join(dir, 'done.jsonl');
  if (!existsSync(file)) return new Map();
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  return new Map(lines.map((line) => JSON.parse(line) as { at: number; first: string }).map((d) => [d.first, d.at]));
}

/** The bodies seen, one list per invocation. */
export function bodiesSeen(dir: string): string[][] {
  return seen(dir).map((s) => s.records.map((r) => r.body));
}

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** SDK v3 clients of a runtime (the developer's key, no retries). */
export function clients(url: string): { lambda: LambdaClient; sqs: SQSClient } {
  return {
    lambda: new LambdaClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 }),
    sqs: new SQSClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 }),
  };
}
