/**
 * The events of a service (publishers and subscribers). Events have no contract yet: this is the marked place the
 * events work fills (`defineEvent`, the config's subscriptions), so each service page keeps its layout then.
 */
import type { LoadedService } from '@lambdaport/config';
import type { Block } from '../blocks.js';

/**
 * The events section of `service`'s page: for now a marked placeholder.
 *
 * @example
 * blocks.push(...eventsSection(records));
 */
export function eventsSection(_service: LoadedService): Block[] {
  return [
    { kind: 'heading', level: 2, text: ['Events'] },
    {
      kind: 'placeholder',
      name: 'events',
      text: [
        'Each event this service publishes or subscribes to, with its publishers and subscribers, will be listed here once lambdaport has event contracts; none is declared yet.',
      ],
    },
  ];
}
