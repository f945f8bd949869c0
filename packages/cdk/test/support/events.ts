import path from 'node:path';
import { prepareServices } from '../../src/prepare/prepare.js';
import type { PreparedService } from '../../src/prepare/types.js';

/** The events fixtures: `shop` publishes OrderPlaced and OrderCancelled; `mailer` subscribes to them. */
export const EVENT_FIXTURES = ['shop', 'mailer'].map((name) =>
  path.join(import.meta.dirname, '../fixtures/events', name),
);

/** The events fixtures in stage `dev`, prepared together (mailer's subscriptions name shop's events). */
export function prepareEventFixtures(): Promise<PreparedService[]> {
  return prepareServices(EVENT_FIXTURES, { stage: 'dev' });
}
