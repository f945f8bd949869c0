/**
 * The `lambdaport` program: commands, options and help.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { registerCheckCommand } from './commands/check.js';
import { registerDeploy } from './commands/deploy.js';
import { registerDestroy } from './commands/destroy.js';
import { DEFAULT_PORT, devCommand } from './commands/dev.js';
import { registerDiff } from './commands/diff.js';
import { DEFAULT_DOCS_OUT, docsCommand } from './commands/docs.js';
import { eventCommand } from './commands/event.js';
import { eventsCommand } from './commands/events.js';
import { registerGraphCommand } from './commands/graph.js';
import { registerIamCommand } from './commands/iam.js';
import { initCommand } from './commands/init.js';
import { defaultEndpoint, invokeCommand } from './commands/invoke.js';
import { runtimeInstallCommand, runtimeListCommand } from './commands/runtime.js';
import { registerSynth } from './commands/synth.js';

function port(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return parsed;
}

function megabytes(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 64) throw new InvalidArgumentError('expected a whole number of MB, at least 64');
  return parsed;
}

function delays(value: string): number[] {
  const parsed = value.split(',').map((part) => Number(part.trim()));
  if (parsed.length === 0 || parsed.length > 2 || parsed.some((n) => !Number.isInteger(n) || n < 0 || n > 3_600_000)) {
    throw new InvalidArgumentError('expected one or two delays in ms, comma-separated (e.g. 1000,2000)');
  }
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
    .description(
      'Typed pure-Lambda services: run them locally behind the real AWS APIs, call them, document their contracts, and deploy them to AWS from the same config.',
    )
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport dev                                  serve the service in this folder on http://127.0.0.1:3000
  $ lambdaport dev --dir examples/records --dir examples/orders --port 0
  $ lambdaport invoke records.get --payload '{"id":1}' --log
  $ lambdaport docs --dir examples/records --dir examples/orders --out examples/docs --check
  $ aws lambda invoke --endpoint-url http://127.0.0.1:3000 --function-name <deployed name> out.json
  $ lambdaport synth --dir examples/records --dir examples/orders   the CloudFormation templates, offline
  $ lambdaport deploy --dir examples/records --dir examples/orders --stage prod --profile work
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
    .option(
      '--host <host>',
      'address to bind; any but loopback is reachable from other machines (a warning, and only known keys are served)',
      '127.0.0.1',
    )
    .addOption(
      new Option(
        '--iam <mode>',
        "IAM: enforce denies a function's call its policy does not allow, as AWS would; warn logs it and lets it through",
      )
        .choices(['enforce', 'warn', 'off'])
        .default('enforce'),
    )
    .option('--stage <stage>', "stage used in deployed names (default: the config's stage, else dev)")
    .addOption(
      new Option(
        '--state <dir>',
        'keep SSM parameters and DynamoDB data in this folder (default <dir>/.lambdaport)',
      ).conflicts('ephemeral'),
    )
    .option('--ephemeral', 'keep all state in memory; nothing is written')
    .option('--no-watch', 'do not rebuild functions when their sources change')
    .option(
      '--max-memory <MB>',
      'memory budget of the execution environments; beyond it the least recently used idle ones are stopped, ' +
        "else calls wait (default: a quarter of the machine's memory, at least 512)",
      megabytes,
    )
    .option(
      '--retry-delays <ms,ms>',
      'delays before the 1st and 2nd retry of a failed Event invocation (AWS: about 1 and 2 minutes)',
      delays,
      [1000, 2000],
    )
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport dev
  $ lambdaport dev --dir examples/records --port 4000 --ephemeral
  $ lambdaport dev --dir svc/a --dir svc/b --stage qa --state /tmp/lp-state
  $ lambdaport dev --max-memory 2048

Then, in another shell:
  $ export AWS_ENDPOINT_URL=http://127.0.0.1:3000 AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
  $ lambdaport invoke records.get --payload '{"id":1}'

The services' docs (made from their contracts, as lambdaport docs makes them) are served as HTML on the same port:
  http://127.0.0.1:3000/_lambdaport/docs/

Ctrl-C or SIGTERM stops every process it started. Exit code 1 when the config is invalid (each problem is printed
with its file and key path), a function's runtime names a Node that is not installed (see lambdaport runtime), or
the port is taken.
`,
    )
    .action(
      async (options: {
        dir: string[];
        port: number;
        host: string;
        iam: 'enforce' | 'warn' | 'off';
        stage?: string;
        state?: string;
        ephemeral?: boolean;
        watch: boolean;
        maxMemory?: number;
        retryDelays: number[];
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

  const runtime = program
    .command('runtime')
    .description(
      'The Node versions Lambda runs (nodejs22.x, nodejs24.x), for functions whose config names one as `runtime`.',
    )
    .addHelpText(
      'after',
      `
lambdaport dev runs such a function on Node <major> from LAMBDAPORT_NODE_<major> (a path), else the Node running
lambdaport when its major matches, else the runtime cache ($XDG_CACHE_HOME/lambdaport, else ~/.cache/lambdaport).
`,
    );
  runtime
    .command('install')
    .description('Install Node for a Lambda runtime into the runtime cache, from the npm registry (node-<os>-<arch>)')
    .argument('<runtime>', 'nodejs22.x or nodejs24.x')
    .option('--force', 'install again even when it is installed')
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport runtime install nodejs22.x
  $ lambdaport runtime install nodejs24.x --force
`,
    )
    .action(async (name: string, options: { force?: boolean }) => {
      process.exitCode = await runtimeInstallCommand(name, options);
    });
  runtime
    .command('list')
    .description('Show the Node each Lambda runtime runs on here, or how to install it')
    .action(async () => {
      process.exitCode = await runtimeListCommand();
    });

  program
    .command('docs')
    .description(
      "Generate the services' API docs from their contracts (Markdown: an index, a page per service, JSON Schema " +
        'files), or check that the committed docs are what the contracts generate.',
    )
    .addOption(
      new Option('-d, --dir <dir>', 'a service dir holding lambdaport.config.{ts,mts,js,mjs,json}; repeat for several')
        .argParser(collect)
        .default([], 'the current folder'),
    )
    .option('-o, --out <dir>', 'the folder of the docs (created if missing)', DEFAULT_DOCS_OUT)
    .option('--check', 'write nothing; exit 1 when the folder differs from what the contracts generate (for CI)')
    .option('--stage <stage>', "the stage of the deployed names shown (default: the config's stage, else dev)")
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport docs --dir services/records --dir services/orders --out docs/services
  $ lambdaport docs --dir services/records --dir services/orders --out docs/services --check

Every function needs a contract key in its config ('src/contract.ts#getRecord', a defineFunction export).
Exit codes: 0 written or up to date; 1 --check found a difference (a summary and the command to regenerate are
printed); 2 bad input (an invalid config, a missing or wrong contract, a schema with no JSON form, --out a file).
`,
    )
    .action(async (options: { dir: string[]; out: string; check?: boolean; stage?: string }) => {
      process.exitCode = await docsCommand(options);
    });

  program
    .command('events')
    .description(
      'Show the queue of asynchronous (Event) invocations of a running `lambdaport dev`: depth, oldest age, in flight, waiting for a retry, throttled, per function.',
    )
    .option(
      '--endpoint <url>',
      `the runtime's endpoint (default $AWS_ENDPOINT_URL, else http://127.0.0.1:${DEFAULT_PORT})`,
    )
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ lambdaport events
  $ lambdaport events --endpoint http://127.0.0.1:4000 --json
`,
    )
    .action(async (options: { endpoint?: string; json?: boolean }) => {
      process.exitCode = await eventsCommand(options);
    });

  registerSynth(program);
  registerDeploy(program);
  registerDiff(program);
  registerDestroy(program);
  registerCheckCommand(program);
  registerGraphCommand(program);
  registerIamCommand(program);

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
