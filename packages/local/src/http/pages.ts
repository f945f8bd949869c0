/**
 * Pages a tool serves through the runtime's port, under `/_lambdaport/` (the HTML docs of `lambdaport dev`). The
 * runtime knows nothing of what they are: a function given to `startLocal` answers each path, or not (404).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The prefix of the pages' paths. */
export const PAGES_PREFIX = '/_lambdaport/';

/** One page: its status (default 200), content type, body, and more headers (a redirect's `location`). */
export interface LocalPage {
  readonly status?: number;
  readonly type: string;
  readonly body: string | Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Answers a path below `/_lambdaport/` (`docs/records.html`; `''` for `/_lambdaport/` itself), or undefined (404).
 *
 * @example
 * const pages: LocalPages = (path) => (path === 'hello' ? { type: 'text/plain', body: 'hi' } : undefined);
 */
export type LocalPages = (path: string) => LocalPage | undefined | Promise<LocalPage | undefined>;

/**
 * Serves a GET or HEAD of `/_lambdaport/...` with `pages`; other methods get 405, unknown paths 404, a failing
 * `pages` 500 (logged).
 */
export async function servePage(
  pages: LocalPages,
  urlPath: string,
  req: IncomingMessage,
  res: ServerResponse,
  log: (line: string) => void,
): Promise<void> {
  req.resume();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, req, {
      status: 405,
      type: 'text/plain; charset=utf-8',
      body: 'Method not allowed.\n',
      headers: { allow: 'GET, HEAD' },
    });
    return;
  }
  let page: LocalPage | undefined;
  try {
    page = await pages(decodeURIComponent(urlPath.slice(PAGES_PREFIX.length)));
  } catch (error) {
    log(`page ${urlPath} failed: ${error instanceof Error ? error.message : String(error)}`);
    page = { status: 500, type: 'text/plain; charset=utf-8', body: 'The page could not be made; see the log.\n' };
  }
  send(res, req, page ?? { status: 404, type: 'text/plain; charset=utf-8', body: `No page at ${urlPath}.\n` });
}

function send(res: ServerResponse, req: IncomingMessage, page: LocalPage): void {
  if (res.headersSent || res.writableEnded) return;
  const body = typeof page.body === 'string' ? Buffer.from(page.body) : page.body;
  res.writeHead(page.status ?? 200, {
    ...page.headers,
    'content-type': page.type,
    'content-length': body.byteLength,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
