/**
 * The events in the generated docs: the publisher's page lists each event (detail table, JSON Schema file, bus,
 * publishers, subscribers with their queue), the subscriber's page its subscriptions (event, detail filter or
 * pattern, rule, queue), each function's facts say what it publishes and subscribes to; HTML says the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocs, loadContracts } from '../../src/index.js';
import { eventServices } from '../support/event-services.js';
import { graphServices } from '../support/graph-services.js';

describe('generateDocs: events', () => {
  let files: Map<string, string>;
  let html: Map<string, string>;
  let remove: () => void;

  beforeAll(async () => {
    const made = await eventServices({ OrderPlaced: 'src/events.mjs#OrderPlaced', Quiet: undefined });
    remove = made.remove;
    const loaded = await loadContracts(made.services);
    const input = { services: made.services, ...loaded, regenerate: 'lambdaport docs' };
    files = generateDocs(input, 'markdown');
    html = generateDocs(input, 'html');
  });
  afterAll(() => remove());

  it("the publisher's page: each event with its detail, bus, contract, publishers and subscribers", () => {
    const shop = files.get('shop.md')!;
    const events = shop.slice(shop.indexOf('## Events'));

    expect(events).toContain('Published on the bus `dev-shop` with source `shop`');
    expect(events).toContain('### shop.OrderPlaced');
    expect(events).toContain('An order was placed.');
    expect(events).toContain('| source, detail type | `shop`, `OrderPlaced` |');
    expect(events).toContain('`shop/OrderPlaced` version 2, `src/events.mjs#OrderPlaced`');
    expect(events).toContain('| published by | [shop.place](#shopplace) |');
    expect(events).toMatch(
      /\| subscribed by \| \[mail\.send\]\(mail\.md#mailsend\) \(through the queue `dev-mail-send`\), \[mail\.audit\]\(mail\.md#mailaudit\) \(directly\) \|/,
    );
    expect(events).toContain('#### Detail of shop.OrderPlaced');
    expect(events).toMatch(/\| `orderId` \| string \| yes \| +\| The order \|/);
    expect(events).toContain(
      '[schemas/shop/events/OrderPlaced.v2.detail.json](schemas/shop/events/OrderPlaced.v2.detail.json)',
    );
    // an event without a contract: said, with what to add
    expect(events).toContain('### shop.Quiet');
    expect(events).toContain("none: add `contract: 'src/events.ts#Quiet'` to events.Quiet");
    expect(JSON.parse(files.get('schemas/shop/events/OrderPlaced.v2.detail.json')!)).toMatchObject({
      properties: { total: { type: 'number', minimum: 0 } },
    });
    expect([...files.keys()].filter((f) => f.includes('/events/'))).toEqual([
      'schemas/shop/events/OrderPlaced.v2.detail.json',
    ]);
  });

  it("a publisher's facts say what it publishes", () => {
    const shop = files.get('shop.md')!;
    const place = shop.slice(shop.indexOf('## shop.place'), shop.indexOf('## shop.list'));
    expect(place).toContain(
      '| publishes | [shop.OrderPlaced](shop.md#shoporderplaced), [shop.Quiet](shop.md#shopquiet) |',
    );
  });

  it("the subscriber's page: each subscription with its filter or pattern, bus, rule and delivery", () => {
    const mail = files.get('mail.md')!;
    const subscriptions = mail.slice(mail.indexOf('### Subscriptions'));

    expect(subscriptions).toContain(
      '| [mail.send](#mailsend) | [shop.OrderPlaced](shop.md#shoporderplaced) | `dev-shop`, rule `dev-mail-send-0` | through the queue `dev-mail-send` (batches of up to 5, only failed messages retried, to `dev-mail-send-dlq` after 4 receives) |',
    );
    expect(subscriptions).toContain(
      '[shop.OrderPlaced](shop.md#shoporderplaced) whose detail matches `{"total":[{"numeric":[">",100]}]}`',
    );
    // an event of a service not documented: named, not linked
    expect(subscriptions).toContain('| [mail.audit](#mailaudit) | `billing.Charged` | `dev-billing`');
    expect(subscriptions).toContain('directly: one asynchronous invocation per event');
    expect(subscriptions).toContain('the pattern `{"source":["aws.s3"]}` on `default`');
    const send = mail.slice(mail.indexOf('## mail.send'), mail.indexOf('## mail.audit'));
    expect(send).toContain('| subscribes to | [shop.OrderPlaced](shop.md#shoporderplaced); [shop.OrderPlaced]');
    expect(send).toContain('through the queue `dev-mail-send`');
  });

  it('the HTML pages say the same, with links to the events', () => {
    expect(html.get('shop.html')).toContain('<h3 id="shoporderplaced">shop.OrderPlaced</h3>');
    expect(html.get('mail.html')).toContain('href="shop.html#shoporderplaced"');
  });

  it('a service with no event says so', async () => {
    const plain = await graphServices({ a: { f: {} } });
    try {
      const loaded = await loadContracts(plain.services);
      const page = generateDocs({ services: plain.services, ...loaded, regenerate: 'x' }, 'markdown').get('a.md')!;
      expect(page).toContain('## Events\n\nThis service publishes no event and subscribes to none.');
    } finally {
      plain.remove();
    }
  });
});
