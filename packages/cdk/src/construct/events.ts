/**
 * The service's own event bus, `<stage>-<service>`, when its config declares `events`: every event it publishes is
 * put on it. Its stack owns it; subscribers in other stacks name it in their rules.
 */
import type { LoadedService } from '@lambdaport/config';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';

/** A bus created by this stack: its name as the config resolves it, and the resource. */
export interface ServiceBus {
  /** `<stage>-<service>`. */
  readonly name: string;
  readonly bus: EventBus;
}

/**
 * Creates the bus (construct id `Bus`) of a service declaring `events`; undefined for a service without events.
 *
 * @example
 * serviceBus(this, orders)?.name; // 'dev-orders'
 */
export function serviceBus(scope: Construct, service: LoadedService): ServiceBus | undefined {
  const name = service.events[0]?.busName;
  if (name === undefined) return undefined;
  return {
    name,
    bus: new EventBus(scope, 'Bus', {
      eventBusName: name,
      description: `lambdaport: the events service ${service.service} publishes (stage ${service.stage})`,
    }),
  };
}
