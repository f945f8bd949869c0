/**
 * The types of `lambdaport/config` (what `defineConfig` and function bundles see, with no runtime dependency) are the
 * input type of the zod schema, in both directions: neither can change without the other.
 */
import type {
  EnvironmentValue,
  EventConfig,
  FunctionConfig,
  KeyAttribute,
  QueueConfig,
  ServiceConfig,
  SubscribeEntry,
  TableConfig,
  UrlConfig,
  VersionConfig,
} from 'lambdaport/config';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { serviceConfigSchema, ValidConfig } from '../../src/index.js';

type Input = z.input<typeof serviceConfigSchema>;
type InputFunction = Input['functions'][string];
type InputTable = NonNullable<Input['tables']>[string];

describe('lambdaport/config and the schema', () => {
  it('ServiceConfig is the input type of the schema, and the reverse', () => {
    expectTypeOf<Input>().toEqualTypeOf<ServiceConfig>();
    expectTypeOf<ServiceConfig>().toEqualTypeOf<Input>();
  });

  it('so is each part (a drift names the part)', () => {
    expectTypeOf<InputFunction>().toEqualTypeOf<FunctionConfig>();
    expectTypeOf<NonNullable<InputFunction['versions']>[number]>().toEqualTypeOf<VersionConfig>();
    expectTypeOf<NonNullable<InputFunction['url']>>().toEqualTypeOf<UrlConfig>();
    expectTypeOf<NonNullable<InputFunction['environment']>[string]>().toEqualTypeOf<EnvironmentValue>();
    expectTypeOf<InputTable>().toEqualTypeOf<TableConfig>();
    expectTypeOf<InputTable['partitionKey']>().toEqualTypeOf<KeyAttribute>();
    expectTypeOf<NonNullable<Input['events']>[string]>().toEqualTypeOf<EventConfig>();
    expectTypeOf<NonNullable<InputFunction['subscribe']>[number]>().toEqualTypeOf<SubscribeEntry>();
    expectTypeOf<NonNullable<InputFunction['queue']>>().toEqualTypeOf<QueueConfig>();
  });

  it('a valid config has its defaults filled in', () => {
    expectTypeOf<ValidConfig['stage']>().toEqualTypeOf<string>();
    expectTypeOf<ValidConfig['functions'][string]['timeout']>().toEqualTypeOf<number>();
    expectTypeOf<ValidConfig['functions'][string]['runtime']>().toEqualTypeOf<NonNullable<FunctionConfig['runtime']>>();
  });
});
