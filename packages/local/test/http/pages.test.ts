/**
 * Pages served under `/_lambdaport/` by the front door (`startLocal({ pages })`): what `lambdaport dev` serves its docs
 * with. The runtime routes, the function given answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPages } from '../../src/http/pages.js';
import { type FrontDoor, startFrontDoor } from '../../src/server.js';

const refuse = { invoke: () => Promise.reject(new Error('no function here')) };

describe('pages under /_lambdaport/', () => {
  let door: FrontDoor;
  let bare: FrontDoor;
  const asked: string[] = [];
  const logs: string[] = [];
  const pages: LocalPages = async (path) => {
    asked.push(path);
    if (path === 'docs/index.html') return { type: 'text/html; charset=utf-8', body: '<h1>Services</h1>' };
    if (path === 'docs/a b.json') return { type: 'application/json', body: '{"ok":true}' };
    if (path === '')
      return { status: 302, type: 'text/plain', body: 'see docs/', headers: { location: '/_lambdaport/docs/' } };
    if (path === 'boom') throw new Error('cannot make it');
    return undefined;
  };

  beforeAll(async () => {
    door = await startFrontDoor({ functions: [], invoker: refuse, pages, log: (line) => logs.push(line) });
    bare = await startFrontDoor({ functions: [], invoker: refuse, log: () => {} });
  });

  afterAll(async () => {
    await door.close();
    await bare.close();
  });

  it('answers GET with the page, its type and no caching; the path below the prefix is decoded', async () => {
    const page = await fetch(`${door.url}/_lambdaport/docs/index.html`);
    const json = await fetch(`${door.url}/_lambdaport/docs/a%20b.json`);

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toBe('<h1>Services</h1>');
    expect(await json.json()).toEqual({ ok: true });
    expect(asked).toContain('docs/a b.json');
  });

  it("passes a page's status and headers (a redirect), answers HEAD without a body", async () => {
    const redirect = await fetch(`${door.url}/_lambdaport/`, { redirect: 'manual' });
    const head = await fetch(`${door.url}/_lambdaport/docs/index.html`, { method: 'HEAD' });

    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/_lambdaport/docs/');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('<h1>Services</h1>'.length));
    expect(await head.text()).toBe('');
  });

  it('answers 404 for a page not there, 405 for another method, 500 (logged) when the page fails', async () => {
    const missing = await fetch(`${door.url}/_lambdaport/docs/nope.html`);
    const post = await fetch(`${door.url}/_lambdaport/docs/index.html`, { method: 'POST', body: 'x' });
    const failing = await fetch(`${door.url}/_lambdaport/boom`);

    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('No page at /_lambdaport/docs/nope.html.\n');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(failing.status).toBe(500);
    expect(logs).toContain('page /_lambdaport/boom failed: cannot make it');
  });

  it('without pages, /_lambdaport/ is an unknown operation like any other path', async () => {
    const response = await fetch(`${bare.url}/_lambdaport/docs/index.html`);

    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });
});
