/**
 * The SSM Parameter Store subset behind the front door: the JSON 1.1 protocol (`x-amz-target: AmazonSSM.<Op>`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AdmissionRules, SSM_ADMISSION } from '../http/admission.js';
import { SsmError } from './errors.js';
import { OPERATIONS, type SsmContext } from './operations.js';
import { ParameterStore } from './store.js';

/** Options of createSsmService. */
export interface SsmServiceOptions {
  /** The state file (`<state>/ssm.json`); omitted → parameters live in memory only (ephemeral). */
  readonly file?: string | undefined;
  /** The region in parameter ARNs; default `us-east-1`. */
  readonly region?: string | undefined;
  /** The account in parameter ARNs; default `000000000000`. */
  readonly accountId?: string | undefined;
}

/** The Parameter Store service. */
export interface SsmService {
  /** How the front door admits its requests. */
  readonly admission: AdmissionRules;
  /** Answers one request whose body the front door has read (`admit`). */
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void>;
  /** Writes a String parameter (creating or overwriting it); settles when it is persisted. */
  put(name: string, value: string): Promise<void>;
  /** The current value of a parameter, if any. */
  get(name: string): string | undefined;
  /** Settles when every write is persisted. */
  close(): Promise<void>;
}

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/**
 * Opens the parameter store (reading `file` when it exists) and returns the service.
 *
 * @example
 * const ssm = await createSsmService({ file: '.lambdaport/ssm.json' });
 * await ssm.put('/lambdaport/dev/records/get', 'arn:aws:lambda:us-east-1:000000000000:function:dev-records-get-1a2b3c');
 * // front door: const { body } = await admit(req, verifier, ssm.admission); await ssm.handle(req, res, body);
 */
export async function createSsmService(options: SsmServiceOptions = {}): Promise<SsmService> {
  const store = await ParameterStore.open(options.file);
  const context: SsmContext = {
    store,
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '000000000000',
  };

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const requestId = randomUUID();
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('AmazonSSM.') ? OPERATIONS[target.slice('AmazonSSM.'.length)] : undefined;
      if (req.method !== 'POST' || operation === undefined) {
        throw new SsmError(
          'UnknownOperationException',
          `Unknown operation ${target === '' ? '(no x-amz-target)' : target}`,
        );
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
      } catch (error) {
        throw new SsmError(
          'SerializationException',
          `Could not parse the request body as JSON: ${(error as Error).message}`,
        );
      }
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new SsmError('SerializationException', 'Expected the request body to be a JSON object');
      }
      const output = await operation(context, input as Record<string, unknown>);
      send(res, 200, requestId, output);
    } catch (error) {
      const ssmError =
        error instanceof SsmError
          ? error
          : new SsmError('InternalServerError', error instanceof Error ? error.message : String(error), 500);
      send(res, ssmError.statusCode, requestId, ssmError.toJSON());
    }
  }

  return {
    admission: SSM_ADMISSION,
    handle,
    async put(name, value) {
      const existing = store.get(name);
      if (existing?.value === value && existing.type === 'String') return;
      await OPERATIONS.PutParameter!(context, { Name: name, Value: value, Type: 'String', Overwrite: true });
    },
    get: (name) => store.get(name)?.value,
    close: () => store.flush(),
  };
}

function send(res: ServerResponse, status: number, requestId: string, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}
