/**
 * The docs `lambdaport dev` serves, in a real browser: playwright-core drives Debian's Chromium (`apt-get install
 * chromium`; `.ci/run` installs it) against `lambdaport dev` on the examples. Each page is loaded from the banner's
 * link, every link followed, the schema tables checked to render, the call graph checked when drawn, and a screenshot
 * of each page kept in test-results/docs/ (git-ignored). Without Chromium the test is skipped, except under CI=true,
 * where it fails: a browser test that silently does not run is no test.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, start } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const REPO = path.resolve(import.meta.dirname, '../../..');
const SCREENSHOTS = path.join(REPO, 'test-results', 'docs');
const available = existsSync(CHROMIUM);

describe('the docs lambdaport dev serves, in Chromium', () => {
  it.runIf(!available && process.env.CI === 'true')(`needs ${CHROMIUM} under CI (apt-get install chromium)`, () => {
    expect.fail(`${CHROMIUM} is missing: .ci/run must install Debian's chromium`);
  });

  describe.runIf(available)('pages, links, tables', () => {
    let dev: Running;
    let docsUrl: string;
    let profile: string;
    let browser: BrowserContext;
    let page: Page;
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      dev = start(
        ['dev', '--dir', 'examples/records', '--dir', 'examples/orders', '--port', '0', '--ephemeral', '--no-watch'],
        {
          cwd: REPO,
        },
      );
      docsUrl = (await dev.waitFor(/Docs {2}(http:\/\/127\.0\.0\.1:\d+\/_lambdaport\/docs\/)/))[1]!;
      profile = mkdtempSync(path.join(tmpdir(), 'lambdaport-chromium-'));
      browser = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          // nothing but loopback, even by mistake
          '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        ],
      });
      page = browser.pages()[0] ?? (await browser.newPage());
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('response', (response) => {
        if (response.status() >= 400) consoleErrors.push(`${response.status()} ${response.url()}`);
      });
      mkdirSync(SCREENSHOTS, { recursive: true });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      if (dev !== undefined && dev.child.exitCode === null && dev.child.signalCode === null) {
        dev.child.kill('SIGTERM');
        await dev.exited;
      }
      if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
    });

    it('shows the index with every service and function, and the call graph', async () => {
      const response = await page.goto(docsUrl);

      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe('lambdaport services');
      await expect(page.locator('h1').textContent()).resolves.toBe('Services');
      const functions = await page.locator('table tbody tr td:nth-child(2) a').allTextContents();
      expect(functions).toEqual(['records.get', 'records.getUrl', 'orders.create', 'orders.record', 'orders.get']);
      // the call graph drawn by lambdaport graph: an inline SVG that renders, with its edges and their titles
      const graph = page.locator('figure.graph svg');
      await expect(graph.count()).resolves.toBe(1);
      expect((await graph.boundingBox())?.width).toBeGreaterThan(300);
      await expect(graph.locator('g.edge-call').count()).resolves.toBe(2);
      // orders.create publishes OrderCreated: an event row and an event edge of their own
      await expect(graph.locator('g.edge-event').count()).resolves.toBe(1);
      await expect(graph.locator('g.event').count()).resolves.toBe(1);
      await expect(graph.locator('g.edge title').first().textContent()).resolves.toContain(
        "orders.create calls records.get (major 1), declared as 'records.get@v1'",
      );
      await page.screenshot({ path: path.join(SCREENSHOTS, 'index.png'), fullPage: true });
    });

    it('follows every link of every page: pages, anchors and JSON Schema files all resolve', async () => {
      const pages = new Set<string>();
      const toVisit = [docsUrl];
      const checked = new Set<string>();
      while (toVisit.length > 0) {
        const url = toVisit.shift()!;
        const bare = url.split('#')[0]!;
        if (pages.has(bare)) continue;
        pages.add(bare);
        const response = await page.goto(bare);
        expect(response?.status(), bare).toBe(200);
        const links = await page
          .locator('a[href]')
          .evaluateAll((anchors) => anchors.map((a) => (a as unknown as { href: string }).href)); // absolute URLs
        for (const link of links) {
          if (checked.has(link)) continue;
          checked.add(link);
          const [target, anchor] = link.split('#');
          if (anchor !== undefined && target === bare) {
            await expect(page.locator(`[id="${anchor}"]`).count(), `${link} on ${bare}`).resolves.toBe(1);
          } else if (target!.endsWith('.json')) {
            const file = await page.request.get(target!);
            expect(file.status(), target).toBe(200);
            expect(await file.json()).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema' });
          } else {
            expect(target!.startsWith(docsUrl), `${link} stays in the docs`).toBe(true);
            toVisit.push(link);
          }
        }
      }
      expect([...pages].map((url) => url.slice(docsUrl.length)).sort()).toEqual([
        '',
        'index.html',
        'orders.html',
        'records.html',
      ]);
      // anchors into other pages (the callers of records.get link orders.create)
      await page.goto(`${docsUrl}records.html`);
      await page.locator('a', { hasText: 'orders.create' }).first().click();
      expect(page.url()).toBe(`${docsUrl}orders.html#orderscreate`);
      await expect(page.locator('#orderscreate').isVisible()).resolves.toBe(true);
      expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    });

    it("renders each function's input and output as schema tables, with the example values", async () => {
      for (const service of ['records', 'orders']) {
        await page.goto(`${docsUrl}${service}.html`);
        const tables = page.locator('table.schema');
        const count = await tables.count();
        // input and output of each function (and orders' OrderCreated detail)
        expect(count, service).toBe(service === 'records' ? 4 : 7);
        for (let i = 0; i < count; i++) {
          const table = tables.nth(i);
          expect(await table.locator('th').allTextContents()).toEqual([
            'field',
            'type',
            'required',
            'constraints',
            'description',
            'example',
          ]);
          const box = await table.boundingBox();
          expect(box?.width, `${service} table ${i}`).toBeGreaterThan(200);
          expect(box?.height).toBeGreaterThan(40);
        }
        await page.screenshot({ path: path.join(SCREENSHOTS, `${service}.png`), fullPage: true });
      }
      await page.goto(`${docsUrl}orders.html`);
      const quantity = page.locator('#input-of-orderscreate + table tr', { hasText: 'quantity' });
      expect(await quantity.locator('td').allTextContents()).toEqual([
        'quantity',
        'integer',
        'yes',
        '≥ 1, ≤ 100',
        '',
        '2',
      ]);
    });
  });
});
