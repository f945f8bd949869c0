/**
 * A loopback SSM endpoint for registry tests: the local runtime's Parameter Store behind a bare node:http server
 * that counts requests and can be made to fail.
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import { createSsmService } from '../../../local/src/ssm/index.js';
import { serveService } from '../../../local/test/support/serve-service.js';

export interface TestSsm {
  url: string;
  /** GetParametersByPath requests seen. */
  readonly byPathRequests: number;
  put(name: string, value: string): Promise<void>;
  /** While true every request gets a 500 InternalServerError. */
  failing: boolean;
  client(): SSMClient;
  close(): Promise<void>;
}

export async function startTestSsm(): Promise<TestSsm> {
  const ssm = await createSsmService();
  let byPath = 0;
  const state = { failing: false };
  const server = await serveService(ssm, (req, res) => {
    if (String(req.headers['x-amz-target']).endsWith('GetParametersByPath')) byPath++;
    if (!state.failing) return false;
    res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify({ __type: 'InternalServerError', message: 'SSM is down (test)' }));
    return true;
  });
  const url = server.url;
  const clients: SSMClient[] = [];
  return {
    url,
    get byPathRequests() {
      return byPath;
    },
    put: (name, value) => ssm.put(name, value),
    get failing() {
      return state.failing;
    },
    set failing(v: boolean) {
      state.failing = v;
    },
    client() {
      const c = new SSMClient({ endpoint: url, region: 'us-east-1', maxAttempts: 1 });
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) c.destroy();
      await server.close();
      await ssm.close();
    },
  };
}
