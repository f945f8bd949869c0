/**
 * The events of a service on its page: each event it publishes (its contract, detail schema, bus, publishers and
 * subscribers among the services documented), and what each of its functions subscribes to, with the queue between;
 * and the rows a function's facts table gains (`publishes`, `subscribes to`).
 */
import type { LoadedService, LocalFunction, ResolvedSubscription } from '@lambdaport/config';
import type { LoadedEvent } from '../../contracts/types.js';
import { anchorOf, type Block, type Inline, type Text } from '../blocks.js';
import { fieldRows } from '../fields.js';
import { type DocsInput, eventSchemaFile, servicePageName, subscribersOf } from '../input.js';
import { fieldTable } from './field-table.js';

/**
 * The events section of `service`'s page.
 *
 * @example
 * blocks.push(...eventsSection(orders, input));
 */
export function eventsSection(service: LoadedService, input: DocsInput): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: ['Events'] }];
  const published = service.events ?? [];
  const subscribing = service.functions.filter((fn) => fn.current && (fn.subscriptions ?? []).length > 0);
  if (published.length === 0 && subscribing.length === 0) {
    blocks.push({ kind: 'paragraph', text: ['This service publishes no event and subscribes to none.'] });
    return blocks;
  }
  if (published.length > 0) {
    const bus = published[0]!.busName;
    blocks.push({
      kind: 'paragraph',
      text: [
        'Published on the bus ',
        { code: bus },
        ' with source ',
        { code: service.service },
        ' and the event name as detail type. A subscriber gets the event at least once: its handler must bear a redelivery.',
      ],
    });
  }
  for (const local of published) {
    const label = `${local.service}.${local.name}`;
    blocks.push({ kind: 'heading', level: 3, text: [label] });
    const loaded = (input.events ?? []).find((e) => e.service === local.service && e.name === local.name);
    if (loaded === undefined) {
      const problems = (input.eventProblems ?? []).filter((p) => p.service === local.service && p.event === local.name);
      blocks.push({ kind: 'note', text: [{ strong: 'Contract not loaded.' }, ' ', local.description] });
      blocks.push({ kind: 'list', items: problems.map((p) => [{ code: p.keyPath }, `: ${p.message}`]) });
      continue;
    }
    blocks.push({ kind: 'paragraph', text: [loaded.description] });
    blocks.push({ kind: 'table', head: ['', ''], rows: publishedFacts(loaded, service, input) });
    blocks.push(...detailBlocks(loaded));
  }
  if (subscribing.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: ['Subscriptions'] });
    blocks.push({
      kind: 'table',
      head: ['function', 'subscribes to', 'bus and rule', 'delivered'],
      rows: subscribing.flatMap((fn) =>
        fn.subscriptions.map((subscription) => [
          [{ text: `${fn.service}.${fn.name}`, link: { anchor: anchorOf(`${fn.service}.${fn.name}`) } }],
          subscriptionText(subscription, input),
          [{ code: subscription.busName }, ', rule ', { code: subscription.ruleName }],
          deliveryText(fn),
        ]),
      ),
    });
  }
  return blocks;
}

/**
 * The rows a function's facts table gains: the events it publishes, and what it subscribes to (with its queue).
 *
 * @example
 * rows.push(...eventFacts(create, input)); // [['publishes'], ['orders.OrderCreated']]
 */
export function eventFacts(fn: LocalFunction, input: DocsInput): Text[][] {
  const rows: Text[][] = [];
  const publishes = fn.publishes ?? [];
  if (publishes.length > 0) {
    rows.push([
      ['publishes'],
      publishes.flatMap((event, i): Text => [i === 0 ? '' : ', ', eventLink(event.service, event.name, input)]),
    ]);
  }
  const subscriptions = fn.subscriptions ?? [];
  if (subscriptions.length > 0) {
    rows.push([
      ['subscribes to'],
      [
        ...subscriptions.flatMap((s, i): Text => [i === 0 ? '' : '; ', ...subscriptionText(s, input)]),
        '; ',
        ...deliveryText(fn),
      ],
    ]);
  } else if (fn.queue !== undefined) {
    rows.push([['queue'], deliveryText(fn)]);
  }
  return rows;
}

function publishedFacts(event: LoadedEvent, service: LoadedService, input: DocsInput): Text[][] {
  const publishers = service.functions.filter((fn) =>
    (fn.publishes ?? []).some((e) => e.service === event.service && e.name === event.name),
  );
  // a function subscribing twice (two detail filters) is one subscriber
  const subscribers = subscribersOf(event.service, event.name, input.services).filter(
    (s, i, all) => all.findIndex((other) => other.label === s.label) === i,
  );
  return [
    [['source, detail type'], [{ code: event.service }, ', ', { code: event.name }]],
    [['bus'], [{ code: event.event.busName }, ' (', { code: event.event.busArn }, ')']],
    [
      ['contract'],
      event.source === undefined || event.contract === undefined
        ? [
            'none: add ',
            { code: `contract: 'src/events.ts#${event.name}'` },
            ` to ${event.event.keyPath}, naming its defineEvent(...) value, to document its detail`,
          ]
        : [
            { code: `${event.service}/${event.name}` },
            ` version ${event.version}, `,
            { code: `${relativeTo(service.dir, event.source.file)}#${event.source.exportName}` },
          ],
    ],
    [
      ['published by'],
      publishers.length === 0
        ? ['no function (none lists it in its publishes)']
        : publishers.flatMap(
            (fn, i): Text => [
              i === 0 ? '' : ', ',
              { text: `${fn.service}.${fn.name}`, link: { anchor: anchorOf(`${fn.service}.${fn.name}`) } },
            ],
          ),
    ],
    [
      ['subscribed by'],
      subscribers.length === 0
        ? ['no function of the services documented here (subscribers in other services are not known)']
        : subscribers.flatMap(
            (s, i): Text =>
              [
                i === 0 ? '' : ', ',
                { text: s.label, link: { page: servicePageName(s.service), anchor: anchorOf(s.label) } },
                s.queue === undefined ? ' (directly)' : [' (through the queue ', { code: s.queue.queueName }, ')'],
              ].flat(),
          ),
    ],
    [['in the config'], [{ code: event.event.keyPath }]],
  ];
}

function detailBlocks(event: LoadedEvent): Block[] {
  if (event.detailSchema === undefined) return [];
  const title = `Detail of ${event.service}.${event.name}`;
  const rows = fieldRows(event.detailSchema);
  const file: Block = {
    kind: 'paragraph',
    text: ['JSON Schema: ', { text: eventSchemaFile(event), link: { file: eventSchemaFile(event) } }],
  };
  const table: Block =
    rows.length === 0
      ? { kind: 'paragraph', text: ['An object with no fields: ', { code: '{}' }, '.'] }
      : fieldTable(rows);
  return [{ kind: 'heading', level: 4, text: [title] }, table, file];
}

/** A subscription in words: the event (a link when its service is documented), or the pattern. */
function subscriptionText(subscription: ResolvedSubscription, input: DocsInput): Inline[] {
  const event = subscription.event;
  if (event === undefined) {
    return ['the pattern ', { code: JSON.stringify(subscription.pattern) }, ' on ', { code: subscription.busName }];
  }
  const detail = (subscription.pattern as { detail?: unknown }).detail;
  const link = eventLink(event.service, event.name, input);
  return detail === undefined ? [link] : [link, ' whose detail matches ', { code: JSON.stringify(detail) }];
}

/** How a function's subscriptions reach it: its queue, or directly. */
function deliveryText(fn: LocalFunction): Inline[] {
  const queue = fn.queue;
  if (queue === undefined) return ['directly: one asynchronous invocation per event (with its retries)'];
  return [
    'through the queue ',
    { code: queue.queueName },
    ` (batches of up to ${queue.batchSize}, only failed messages retried, to `,
    { code: queue.deadLetter.queueName },
    ` after ${queue.maxReceiveCount} receives)`,
  ];
}

function eventLink(service: string, name: string, input: DocsInput): Inline {
  const label = `${service}.${name}`;
  if (!input.services.some((s) => s.service === service)) return { code: label };
  return { text: label, link: { page: servicePageName(service), anchor: anchorOf(label) } };
}

function relativeTo(dir: string, file: string): string {
  const base = dir.endsWith('/') ? dir : `${dir}/`;
  return file.startsWith(base) ? file.slice(base.length) : file;
}
