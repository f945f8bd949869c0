/**
 * `summarize`: what `lambdaport synth` prints of the events resources (the bus, queues, rules, the roles' statements).
 */
import { deployedName } from 'lambdaport/names';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/app/summary.js';
import { prepareEventFixtures } from '../support/events.js';

describe('the summary of a stack with events', () => {
  it('names the bus, each queue with its settings, each rule with its bus and target, and the new statements', async () => {
    const [shop, mailer] = (await prepareEventFixtures()).map(summarize);
    expect(shop!.bus).toBe('dev-shop');
    expect(shop!.queues).toEqual([]);
    expect(shop!.rules).toEqual(['dev-shop-tally-0 on dev-shop → alias v1 of shop.tally']);
    expect(shop!.functions.find((fn) => fn.label === 'shop.place')!.permissions).toContain(
      'PublishEvents: events:PutEvents → event-bus/dev-shop',
    );
    expect(mailer!.bus).toBeUndefined();
    expect(mailer!.queues).toEqual([
      'dev-mailer-notify → mailer.notify (batch 50, window 2 s, visibility 40 s, dead-letter queue dev-mailer-notify-dlq after 3 receives)',
      'dev-mailer-digest → mailer.digest (batch 10, window 0 s, visibility 18 s, dead-letter queue dev-mailer-digest-dlq after 5 receives)',
    ]);
    expect(mailer!.rules).toEqual([
      'dev-mailer-notify-0 on dev-shop → queue dev-mailer-notify',
      'dev-mailer-notify-1 on dev-shop → queue dev-mailer-notify',
      'dev-mailer-notify-2 on default → queue dev-mailer-notify',
      'dev-mailer-audit-0 on dev-shop → alias v2 of mailer.audit',
    ]);
    expect(
      mailer!.functions.find((fn) => fn.deployedName === deployedName('dev', 'mailer', 'digest'))!.permissions,
    ).toEqual([
      `Logs: logs:CreateLogStream, logs:PutLogEvents → log-group:/aws/lambda/${deployedName('dev', 'mailer', 'digest')}:*`,
      'ConsumeQueue: 4 sqs actions → dev-mailer-digest',
    ]);
  }, 120_000);
});
