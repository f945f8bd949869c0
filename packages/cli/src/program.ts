/**
 * The `lambdaport` program: commands, options and help.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_PORT, devCommand } from './commands/dev.js';
import { eventCommand } from './commands/event.js';
import { initCommand } from './commands/init.js';
import { defaultEndpoint, invokeCommand } from './commands/invoke.js';

function port(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return parsed;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Builds the commander program.
 *
 * @example
 * await createProgram().parseAsync(['node', 'lambdaport', 'invoke', 'records.get', '--payload', '{"id":1}']);
 */
export function createProgram(): Command {
  const program = new Command('lambdaport')
    .description('Typed pure-Lambda services: run them locally behind the real AWS APIs, and call them.')
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport dev                                  serve the service in this folder on http://127.0.0.1:3000
  $ lambdaport dev --dir examples/records --dir examples/orders --port 0
  $ lambdaport invoke records.get --payload '{"id":1}' --log
  $ aws lambda invoke --endpoint-url http://127.0.0.1:3000 --function-name <deployed name> out.json
`,
    );

  program
    .command('dev')
    .description(
      'Run the functions of one or more services locally: the Lambda Invoke API, Function URLs, SSM Parameter ' +
        'Store and DynamoDB on one port, so the AWS SDKs, the AWS CLI and boto3 work unchanged.',
    )
    .addOption(
      new Option('-d, --dir <dir>', 'a service dir holding lambdaport.config.{ts,mts,js,mjs,json}; repeat for several')
        .argParser(collect)
        .default([], 'the current folder'),
    )
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', port, DEFAULT_PORT)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--stage <stage>', "stage used in deployed names (default: the config's stage, else dev)")
    .addOption(
      new Option(
        '--state <dir>',
        'keep SSM parameters and DynamoDB data in this folder (default <dir>/.lambdaport)',
      ).conflicts('ephemeral'),
    )
    .option('--ephemeral', 'keep all state in memory; nothing is written')
    .option('--no-watch', 'do not rebuild functions when their sources change')
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport dev
  $ lambdaport dev --dir examples/records --port 4000 --ephemeral
  $ lambdaport dev --dir svc/a --dir svc/b --stage qa --state /tmp/lp-state

Then, in another shell:
  $ export AWS_ENDPOINT_URL=http://127.0.0.1:3000 AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
  $ lambdaport invoke records.get --payload '{"id":1}'

Ctrl-C or SIGTERM stops every process it started. Exit code 1 when the config is invalid (each problem is printed
with its file and key path) or the port is taken.
`,
    )
    .action(
      async (options: {
        dir: string[];
        port: number;
        host: string;
        stage?: string;
        state?: string;
        ephemeral?: boolean;
        watch: boolean;
      }) => {
        process.exitCode = await devCommand(options);
      },
    );

  program
    .command('invoke')
    .description('Invoke a function through the Lambda Invoke API and print its result (pretty JSON).')
    .argument('<name>', 'deployed name, ARN, service.function or function (looked up with ListFunctions)')
    .option('--payload <json|@file>', 'the event: inline JSON, or @path/to/event.json (default {})')
    .option('-q, --qualifier <qualifier>', 'version or alias: $LATEST, 1, v1')
    .option('--log', 'print the decoded log tail (START...REPORT) to stderr')
    .option('--event', 'invoke asynchronously (InvocationType Event): queued, no result')
    .option(
      '--endpoint <url>',
      `the runtime's endpoint (default $AWS_ENDPOINT_URL, else http://127.0.0.1:${DEFAULT_PORT})`,
    )
    .option('--stage <stage>', 'pick the function of this stage when a friendly name is ambiguous')
    .option('--region <region>', 'region to sign for (default $AWS_REGION, else us-east-1)')
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport invoke records.get --payload '{"id":1}'
  $ lambdaport invoke get --payload @events/get.json --log
  $ lambdaport invoke dev-records-get-1a2b3c --qualifier v1
  $ lambdaport invoke orders.create --payload '{"item":"x"}' --event

The result goes to stdout; a function error (errorType: message) to stderr with exit code 1.
Default endpoint now: ${defaultEndpoint()}
`,
    )
    .action(async (name: string, options: Parameters<typeof invokeCommand>[1]) => {
      process.exitCode = await invokeCommand(name, options);
    });

  program
    .command('init')
    .description(
      'Create a new service: contract, logic, handlers, config, a unit test, an end-to-end test against the ' +
        'local runtime, package.json (scripts dev, test, typecheck, synth), tsconfig.json and .gitignore.',
    )
    .argument('[dir]', 'a new or empty folder (created when missing)', '.')
    .option('--service <name>', "the service's name (default: the folder's name)")
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport init hello
  $ lambdaport init services/billing --service billing
  $ mkdir hello && cd hello && lambdaport init

It never overwrites anything: a folder with anything in it is refused, as is a service name the name grammar
refuses (lower-case letters and digits, words joined by single hyphens). Then: npm install, npm test, npm run dev.
`,
    )
    .action(async (dir: string, options: { service?: string }) => {
      process.exitCode = await initCommand(dir, options);
    });

  program
    .command('event')
    .description(
      "Print a sample event of one kind carrying a function's input, taken from its contract's first example " +
        '(a placeholder input when it has none), in the shape AWS sends it.',
    )
    .argument('<kind>', 'url | apigw-http | apigw-rest | sqs | eventbridge')
    .option('--function <name>', "the function: get or records.get (default: the config's first function)")
    .option('-d, --dir <dir>', 'the service dir holding lambdaport.config.*', '.')
    .addHelpText(
      'after',
      `
Kinds:
  url          a Function URL request (payload 2.0)
  apigw-http   an API Gateway HTTP API request (payload 2.0, route $default)
  apigw-rest   an API Gateway REST API request (payload 1.0, stage prod)
  sqs          an SQS batch of one message, its body the input as JSON
  eventbridge  an EventBridge event, its detail the input

An HTTP request carries the input as its query (GET /?id=1) when all its fields are strings, numbers or booleans,
else as a JSON body (POST /). The event goes to stdout; notes (no example) to stderr.

Examples:
  $ lambdaport event sqs --function records.get --dir examples/records
  $ lambdaport event url --function getUrl > event.json
  $ lambdaport invoke records.get --payload @event.json
`,
    )
    .action(async (kind: string, options: { function?: string; dir: string }) => {
      process.exitCode = await eventCommand(kind, options);
    });

  return program;
}
