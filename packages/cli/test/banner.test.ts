import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderBanner } from '../src/banner.js';

describe('renderBanner', () => {
  it('shows the endpoint, functions with deployed names and URLs, tables, and copy-paste commands', () => {
    // Colours are on or off depending on the terminal and CI variables: assert on the text alone.
    const text = stripVTControlCharacters(
      renderBanner({
        url: 'http://127.0.0.1:3000',
        stage: 'dev',
        region: 'us-east-1',
        state: '/srv/records/.lambdaport',
        watch: true,
        functions: [
          {
            service: 'records',
            name: 'get',
            deployedName: 'dev-records-get-27ab43',
            url: undefined,
            sample: { input: { id: 1 } },
          },
          {
            service: 'records',
            name: 'getUrl',
            deployedName: 'dev-records-getUrl-315f5b',
            url: 'http://127.0.0.1:3000/lambda-url/dev-records-getUrl-315f5b/',
            sample: { input: { id: 1 } },
          },
        ],
        tables: [
          { service: 'records', name: 'records', tableName: 'dev-records-records', seedFile: 'data/records.json' },
        ],
      }),
    );

    expect(text).toContain('http://127.0.0.1:3000');
    expect(text).toMatch(/records\.get\s+dev-records-get-27ab43/);
    expect(text).toContain('url http://127.0.0.1:3000/lambda-url/dev-records-getUrl-315f5b/');
    expect(text).toMatch(/records\.records\s+dev-records-records/);
    expect(text).toContain(
      'export AWS_ENDPOINT_URL=http://127.0.0.1:3000 AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test',
    );
    expect(text).toContain(
      'echo \'{"id":1}\' | aws lambda invoke --endpoint-url http://127.0.0.1:3000 --function-name dev-records-get-27ab43 --payload fileb:///dev/stdin /dev/stdout',
    );
    expect(text).toContain("curl 'http://127.0.0.1:3000/lambda-url/dev-records-getUrl-315f5b/?id=1'");
    expect(text).toContain('npx lambdaport invoke records.get --payload \'{"id":1}\' --log');
    expect(text).not.toContain('--cli-binary-format'); // an AWS CLI v2 option: v1 refuses it
  });

  it('shows the Node and the memory budget of the environments, and the Node runtime a function names', () => {
    const info = {
      url: 'http://127.0.0.1:3000',
      stage: 'dev',
      region: 'us-east-1',
      state: undefined,
      watch: false,
      hostNode: '20.20.2',
      functions: [
        {
          service: 'records',
          name: 'get',
          deployedName: 'dev-records-get-27ab43',
          url: undefined,
          sample: undefined,
          node: { runtime: 'nodejs22.x', version: '22.23.3', path: '/cache/nodejs22.x/bin/node' },
        },
        { service: 'records', name: 'put', deployedName: 'dev-records-put-1a2b3c', url: undefined, sample: undefined },
      ],
      tables: [],
    };
    const byDefault = stripVTControlCharacters(renderBanner({ ...info, memory: { limitMb: 6026, source: 'default' } }));
    const given = stripVTControlCharacters(renderBanner({ ...info, memory: { limitMb: 2048, source: 'given' } }));

    expect(byDefault).toContain(
      'environments: Node 20.20.2 · memory budget 6,026 MB (a quarter of this machine, --max-memory to change)',
    );
    expect(given).toContain('memory budget 2,048 MB (--max-memory)');
    expect(byDefault).toMatch(
      /records\.get\s+dev-records-get-27ab43\n\s+runtime nodejs22\.x \(Node 22\.23\.3, \/cache\/nodejs22\.x\/bin\/node\)/,
    );
    expect(byDefault).not.toMatch(/dev-records-put-1a2b3c\n\s+runtime/);
  });

  it('warns when the address bound is reachable from other machines, and says nothing on a loopback one', () => {
    const base = { url: 'http://127.0.0.1:3000', stage: 'dev', region: 'us-east-1', state: undefined, watch: false };
    const exposed = stripVTControlCharacters(renderBanner({ ...base, host: '0.0.0.0', functions: [], tables: [] }));
    const loopback = stripVTControlCharacters(renderBanner({ ...base, host: '127.0.0.1', functions: [], tables: [] }));
    const localhost = stripVTControlCharacters(renderBanner({ ...base, host: 'localhost', functions: [], tables: [] }));

    expect(exposed).toContain('warning: listening on 0.0.0.0, reachable from other machines.');
    expect(exposed).toContain('Only requests signed with a key this runtime knows are served');
    expect(loopback).not.toContain('warning');
    expect(localhost).not.toContain('warning');
  });

  it("gives each function its own payload from its contract's example; {} with the reason when there is none", () => {
    const text = stripVTControlCharacters(
      renderBanner({
        url: 'http://127.0.0.1:3000',
        stage: 'dev',
        region: 'us-east-1',
        state: undefined,
        watch: false,
        docsUrl: 'http://127.0.0.1:3000/_lambdaport/docs/',
        functions: [
          {
            service: 'orders',
            name: 'create',
            deployedName: 'dev-orders-create-2829ed',
            url: undefined,
            sample: { input: { recordId: 1, note: "it's" } },
          },
          {
            service: 'orders',
            name: 'get',
            deployedName: 'dev-orders-get-c04eee',
            url: undefined,
            sample: undefined,
            noSample: 'it has no contract',
          },
          {
            service: 'orders',
            name: 'get@v1',
            deployedName: 'dev-orders-get-v1-a1b2c3',
            url: undefined,
            sample: { input: { id: 'x' } },
          },
          {
            service: 'mail',
            name: 'notify',
            deployedName: 'dev-mail-notify-0a1b2c',
            url: undefined,
            sample: { input: { orderId: 'o-1' } },
            queue: { name: 'dev-mail-notify', subscribes: ['orders.OrderCreated', 'a pattern on default'] },
          },
          {
            service: 'orders',
            name: 'search',
            deployedName: 'dev-orders-search-d4e5f6',
            url: 'http://127.0.0.1:3000/lambda-url/dev-orders-search-d4e5f6/',
            sample: { input: { filter: { status: 'open' } } },
          },
        ],
        tables: [],
      }),
    );

    expect(text).toContain(
      `echo '{"recordId":1,"note":"it'\\''s"}' | aws lambda invoke --endpoint-url http://127.0.0.1:3000 --function-name dev-orders-create-2829ed`,
    );
    expect(text).toContain(`npx lambdaport invoke orders.create --payload '{"recordId":1,"note":"it'\\''s"}' --log`);
    expect(text).toContain("npx lambdaport invoke orders.get --payload '{}' --log");
    expect(text).toContain('(orders.get: {} is sent, it has no contract; add examples to its contract)');
    // an older major's function is invoked by its deployed name: its friendly name means the current major
    expect(text).toContain('npx lambdaport invoke dev-orders-get-v1-a1b2c3 --payload \'{"id":"x"}\' --log');
    // not a flat input: a JSON body
    expect(text).toContain(
      `curl -X POST -H 'content-type: application/json' --data '{"filter":{"status":"open"}}' 'http://127.0.0.1:3000/lambda-url/dev-orders-search-d4e5f6/'`,
    );
    // a function fed by a queue takes SQS batches, not its input: said how it is fed, no invoke line
    expect(text).not.toContain('lambdaport invoke mail.notify');
    expect(text).toContain(
      '(mail.notify: fed by its queue dev-mail-notify (subscribes to orders.OrderCreated, a pattern on default): publish its events, or send to the queue)',
    );
    expect(text).toContain('Docs  http://127.0.0.1:3000/_lambdaport/docs/');
    expect(text).not.toContain('{"id":1}');
  });
});
