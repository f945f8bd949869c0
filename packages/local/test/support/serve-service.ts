/**
 * A loopback node:http server in front of one service (SSM, DynamoDB, or a wrapper of one), admitting each request
 * exactly as the front door does (`admit`: the body within the service's limit, the signature checked for the known
 * `test` key) before handing it over. For tests of a service on its own, without the Lambda API or environments.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { admit } from '../../src/http/admission.js';
import { answerError } from '../../src/http/errors.js';
import type { Service } from '../../src/http/service.js';
import { createSigV4Verifier } from '../../src/http/sigv4.js';

/** A served service: its URL and how to stop it. */
export interface ServedService {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `service` on 127.0.0.1 (any free port). `before` may answer a request itself (return true) before admission.
 *
 * @example
 * const server = await serveService(await createSsmService());
 * const client = new SSMClient({ endpoint: server.url, region: 'us-east-1' });
 */
export async function serveService(
  service: Service,
  before?: (req: IncomingMessage, res: ServerResponse) => boolean,
): Promise<ServedService> {
  const verifier = createSigV4Verifier({ credentials: { test: 'test' } });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const server = createServer((req, res) => {
    if (before?.(req, res)) {
      req.resume();
      return;
    }
    admit(req, verifier, service.admission)
      .then(({ body }) => service.handle(req, res, body))
      .catch((error: unknown) => answerError(log, res, error));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
