/**
 * The floor: a bare node:http server that answers the Invoke path by calling the same echo handler in process.
 * Usage: node bare-server.mjs <handler file>. Prints `BENCH_READY {"url":...}` when listening on 127.0.0.1.
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
if (!file) throw new Error('usage: bare-server.mjs <handler file>');
const { handler } = await import(pathToFileURL(file).href);

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const event = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      const body = JSON.stringify(await handler(event, {}));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } catch (error) {
      const body = JSON.stringify({ errorType: 'Error', errorMessage: String(error) });
      res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
      res.end(body);
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${port}` })}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
