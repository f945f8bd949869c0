/**
 * A logic that needs no deps is served by every adapter without any (`invokeHandler(logic)`), typed: the deps are
 * optional exactly when `{}` is a valid deps value for the logic, and a logic that needs deps cannot be served
 * without them (the `@ts-expect-error` lines fail type-checking, in `npm test`, if that ever compiles).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineFunction } from '../../src/contract.js';
import { type EventBridgeHandler, eventBridgeHandler } from '../../src/handlers/eventbridge.js';
import { type HttpRequest, httpHandler } from '../../src/handlers/http.js';
import { type InvokeHandler, invokeHandler } from '../../src/handlers/invoke.js';
import { type SqsHandler, sqsHandler } from '../../src/handlers/sqs.js';
import { implement } from '../../src/implement.js';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const hello = defineFunction({
  name: 'greeter.hello',
  version: 1,
  description: 'Greets.',
  input: z.object({ name: z.string() }),
  output: z.object({ message: z.string() }),
});

/** What each logic was handed as deps, to check it is `{}` when none were given. */
const seen: unknown[] = [];

/** Declares no deps at all. */
const helloLogic = implement(hello, ({ name }, deps) => {
  seen.push(deps);
  return { message: `hello ${name}` };
});
/** Declares deps whose every key is optional: `{}` is a valid value, so they may be left out. */
const clockLogic = implement(hello, ({ name }, { now = () => 'now' }: { now?: () => string }) => ({
  message: `hello ${name} at ${now()}`,
}));
/** Needs a dependency. */
const storeLogic = implement(hello, ({ name }, deps: { greeting: string }) => ({
  message: `${deps.greeting} ${name}`,
}));

const sqsEvent = (body: unknown) => ({ Records: [{ messageId: 'm-1', body: JSON.stringify(body) }] });
const bridgeEvent = (detail: unknown) => ({ id: 'e-1', 'detail-type': 'Greet', source: 'test', detail });
const urlEvent = (name: string) => ({
  version: '2.0',
  rawPath: '/',
  rawQueryString: `name=${name}`,
  headers: {},
  queryStringParameters: { name },
  requestContext: { http: { method: 'GET', path: '/' }, requestId: 'r-1' },
  isBase64Encoded: false,
});

describe('a logic with no deps, served without any', () => {
  it('invokeHandler(logic): the logic gets {}', async () => {
    seen.length = 0;
    await expect(invokeHandler(helloLogic)({ name: 'ada' })).resolves.toEqual({ message: 'hello ada' });
    expect(seen).toEqual([{}]);
  });

  it('sqsHandler(logic) and eventBridgeHandler(logic)', async () => {
    seen.length = 0;
    await expect(sqsHandler(helloLogic)(sqsEvent({ name: 'bo' }))).resolves.toEqual({ batchItemFailures: [] });
    await expect(eventBridgeHandler(helloLogic)(bridgeEvent({ name: 'cy' }))).resolves.toEqual({
      message: 'hello cy',
    });
    expect(seen).toEqual([{}, {}]);
  });

  it('httpHandler(logic, options): the options in second place', async () => {
    const handler = httpHandler(helloLogic, { input: (req) => ({ name: req.query.name }) });

    const res = await handler(urlEvent('di'));

    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ message: 'hello di' });
  });

  it('options without deps: undefined in the deps place (and {} still works, as before)', async () => {
    const strict = invokeHandler(helloLogic, undefined, { validateOutput: true });
    const withEmpty = invokeHandler(helloLogic, {});
    const http = httpHandler(helloLogic, undefined, { input: (req) => ({ name: req.query.name }) });

    await expect(strict({ name: 'ed' })).resolves.toEqual({ message: 'hello ed' });
    await expect(withEmpty({ name: 'fi' })).resolves.toEqual({ message: 'hello fi' });
    expect((await http(urlEvent('gu'))).statusCode).toBe(200);
  });

  it('deps whose keys are all optional may be left out too: the logic gets {} and its defaults apply', async () => {
    await expect(invokeHandler(clockLogic)({ name: 'hu' })).resolves.toEqual({ message: 'hello hu at now' });
    const withClock = invokeHandler(clockLogic, { now: () => 'noon' });
    await expect(withClock({ name: 'io' })).resolves.toEqual({ message: 'hello io at noon' });
  });
});

/** The handler types, as the adapters declare them for this contract. */
declare const handlers: {
  invoke: InvokeHandler<typeof hello>;
  sqs: SqsHandler;
  eventBridge: EventBridgeHandler<typeof hello>;
};

describe('the types: deps optional exactly when the logic needs none', () => {
  it('accepts leaving out deps for a logic with none, or with only optional ones', () => {
    // each line type-checks (npm test type-checks this file) and makes a handler
    expectTypeOf(invokeHandler(helloLogic)).toEqualTypeOf<(typeof handlers)['invoke']>();
    expectTypeOf(sqsHandler(helloLogic)).toEqualTypeOf<(typeof handlers)['sqs']>();
    expectTypeOf(eventBridgeHandler(helloLogic)).toEqualTypeOf<(typeof handlers)['eventBridge']>();
    expectTypeOf(invokeHandler(clockLogic)).toEqualTypeOf<(typeof handlers)['invoke']>();
    expectTypeOf(invokeHandler(storeLogic, { greeting: 'hi' })).toEqualTypeOf<(typeof handlers)['invoke']>();
    expectTypeOf(invokeHandler(storeLogic, async () => ({ greeting: 'hi' }))).toEqualTypeOf<
      (typeof handlers)['invoke']
    >();
  });

  it('refuses a logic that needs deps without them, or with the wrong ones', () => {
    // @ts-expect-error: storeLogic needs { greeting }
    expect(() => invokeHandler(storeLogic)).not.toThrow(); // made, but it would fail on its first call
    // @ts-expect-error: storeLogic needs { greeting }
    sqsHandler(storeLogic);
    // @ts-expect-error: storeLogic needs { greeting }
    eventBridgeHandler(storeLogic, undefined);
    // @ts-expect-error: storeLogic needs { greeting }, not the options in its place
    httpHandler(storeLogic, { input: () => ({ name: 'x' }) });
    // @ts-expect-error: greeting must be a string
    invokeHandler(storeLogic, { greeting: 1 });
    // @ts-expect-error: no unknown option in the options place (and it throws at once, naming it)
    expect(() => invokeHandler(helloLogic, undefined, { retries: 3 })).toThrow(/unknown option "retries"/);
  });

  it('infers the request of httpHandler(logic, options) from the options alone', () => {
    httpHandler(helloLogic, {
      input: (req) => {
        expectTypeOf(req).toEqualTypeOf<HttpRequest>();
        return { name: req.query.name };
      },
      output: (result) => {
        expectTypeOf(result).toEqualTypeOf<{ message: string }>();
        return { statusCode: 200, body: result.message };
      },
    });
  });
});
