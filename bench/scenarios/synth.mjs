/**
 * Scenario 7, synth: `lambdaport synth` (the built CLI, as a process) against a CDK app declaring the same functions
 * by hand as plain `NodejsFunction`s (`node app.mjs`, whose `app.synth()` is what `cdk synth` runs, without the CDK
 * CLI's own start-up), in the same run, alternating, for:
 *   - the two examples (records and orders, one stack each);
 *   - a generated service of 50 functions, each with its own handler file importing a shared module, half of them
 *     reading a table through an environment reference.
 * The hand-written app declares what a user would write for the same service: each function with its name, entry,
 * handler, runtime, memory, timeout and environment, an alias `v<major>` on its current version, its Function URL,
 * the tables and `grantReadData` / `grantReadWriteData` for the tables a function uses. Ours declares more (a role
 * with an exact inline policy, a log group per function, the SSM name parameters). Both run the CDK's built-in
 * CloudFormation validation (the default of both; the examples are also measured without it in both, as it is most
 * of the time). Each synth writes into a fresh folder; the time is the process's
 * wall time, start to exit, so both pay Node's start, loading aws-cdk-lib and bundling.
 * Target: lambdaport synth median ≤ 1.5× the hand-written app's.
 * Run alone: node bench/scenarios/synth.mjs   (build first: npx tsc -b)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { REPO_DIR, TMP_DIR } from '../lib/paths.mjs';
import { QUIET_ENV } from '../lib/processes.mjs';
import { runIfMain } from '../lib/scenario.mjs';
import { median, ratio, round } from '../lib/stats.mjs';

const CLI = `${REPO_DIR}/packages/cli/bin/lambdaport.js`;
const EXAMPLES = ['records', 'orders'].map((name) => `${REPO_DIR}/examples/${name}`);
const STAGE = 'dev';
export const TARGET_RATIO = 1.5;

/** Runs a command to its end; resolves with its wall time in ms, rejects with its output when it fails. */
function timed(
  /** @type {string[]} */ args,
  /** @type {string} */ cwd,
  /** @type {Record<string, string>} */ env = {},
) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...QUIET_ENV, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code === 0) resolve(ms);
      else reject(new Error(`node ${args.join(' ')} exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
}

/** The templates of an assembly folder: count, bytes, resources. @param {string} outdir */
function templates(outdir) {
  const files = readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
  let bytes = 0;
  let resources = 0;
  for (const file of files) {
    bytes += statSync(`${outdir}/${file}`).size;
    resources += Object.keys(JSON.parse(readFileSync(`${outdir}/${file}`, 'utf8')).Resources ?? {}).length;
  }
  return { files: files.length, bytes, resources };
}

/** A generated service of `n` functions in `dir`: its own handler file each, a shared module, one table. */
function generateService(/** @type {string} */ dir, /** @type {number} */ n) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(`${dir}/src`, { recursive: true });
  writeFileSync(
    `${dir}/src/shared.ts`,
    [
      'export interface Item { id: string; name: string; count: number }',
      'export function parseItem(event: unknown): Item {',
      '  const e = event as Partial<Item>;',
      "  if (typeof e?.id !== 'string') throw new TypeError('id: expected a string');",
      "  return { id: e.id, name: String(e.name ?? ''), count: Number(e.count ?? 0) };",
      '}',
      '',
    ].join('\n'),
  );
  /** @type {Record<string, unknown>} */
  const functions = {};
  for (let i = 1; i <= n; i++) {
    const name = `fn${String(i).padStart(2, '0')}`;
    writeFileSync(
      `${dir}/src/${name}.ts`,
      `import { parseItem } from './shared.js';\n\nexport const handler = async (event: unknown) => ({ fn: '${name}', item: parseItem(event) });\n`,
    );
    const reads = i % 2 === 0;
    functions[name] = {
      handler: `src/${name}.ts#handler`,
      description: `generated function ${i} of ${n}`,
      memorySize: 128 + 64 * (i % 4),
      timeout: 3 + (i % 5),
      ...(reads ? { environment: { ITEMS_TABLE: { table: 'items' } }, tables: { items: 'read' } } : {}),
      ...(i % 10 === 0 ? { url: { authType: 'AWS_IAM' } } : {}),
    };
  }
  writeFileSync(
    `${dir}/lambdaport.config.json`,
    `${JSON.stringify({ service: 'generated', functions, tables: { items: { partitionKey: { name: 'id', type: 'S' } } } }, null, 2)}\n`,
  );
}

/**
 * The source of the hand-written CDK app for the services in `dirs` (loaded with @lambdaport/config for their names
 * and settings, then written out as literal values, as a user would type them).
 */
async function handWrittenApp(/** @type {string[]} */ dirs, /** @type {string} */ outdir) {
  const { loadServices, parseHandler } = await import('@lambdaport/config');
  const services = await loadServices(dirs, { stage: STAGE });
  const runtimes = { 'nodejs22.x': 'NODEJS_22_X', 'nodejs24.x': 'NODEJS_24_X' };
  const keyTypes = { S: 'STRING', N: 'NUMBER', B: 'BINARY' };
  const lines = [
    "import { App, Duration, Stack } from 'aws-cdk-lib';",
    "import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';",
    "import { Alias, FunctionUrlAuthType, Runtime } from 'aws-cdk-lib/aws-lambda';",
    "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';",
    '',
    `const app = new App({ outdir: ${JSON.stringify(outdir)} });`,
  ];
  const js = (/** @type {string} */ s) => s.replace(/[^A-Za-z0-9_]/g, '_');
  for (const service of services) {
    const stack = js(`stack_${service.service}`);
    lines.push('', `const ${stack} = new Stack(app, '${STAGE}-${service.service}');`);
    /** @type {Map<string, string>} table name → variable */
    const tableVars = new Map();
    for (const table of service.tables) {
      const v = js(`table_${service.service}_${table.name}`);
      tableVars.set(table.tableName, v);
      lines.push(
        `const ${v} = new Table(${stack}, '${table.name}', { tableName: '${table.tableName}', partitionKey: { name: '${table.partitionKey.name}', type: AttributeType.${keyTypes[table.partitionKey.type]} }, billingMode: BillingMode.PAY_PER_REQUEST, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });`,
      );
    }
    for (const fn of service.functions) {
      const version = fn.versions.get('$LATEST');
      const { file, exportName } = parseHandler(fn.dir, version.handler);
      const v = js(`fn_${service.service}_${fn.name}_v${fn.major}`);
      const env = Object.entries(version.environment)
        .map(
          ([k, value]) => `${k}: ${tableVars.has(value) ? `${tableVars.get(value)}.tableName` : JSON.stringify(value)}`,
        )
        .join(', ');
      lines.push(
        `const ${v} = new NodejsFunction(${stack}, '${fn.name}-v${fn.major}', { functionName: '${fn.deployedName}', entry: ${JSON.stringify(file)}, handler: '${exportName}', runtime: Runtime.${runtimes[fn.lambdaRuntime]}, memorySize: ${fn.memorySize}, timeout: Duration.seconds(${fn.timeoutSeconds}), environment: { ${env} } });`,
        `new Alias(${stack}, '${fn.name}-alias-v${fn.major}', { aliasName: 'v${fn.major}', version: ${v}.currentVersion });`,
      );
      if (fn.url) lines.push(`${v}.addFunctionUrl({ authType: FunctionUrlAuthType.${fn.url.authType} });`);
      for (const grant of fn.tables) {
        const method = grant.access === 'read' ? 'grantReadData' : 'grantReadWriteData';
        lines.push(`${tableVars.get(grant.tableName)}.${method}(${v});`);
      }
    }
  }
  lines.push('', 'app.synth();', '');
  return { source: lines.join('\n'), functions: services.reduce((k, s) => k + s.functions.length, 0) };
}

/**
 * Measures one case: `runs` synths of each, alternating. `validation: false` turns the CDK's built-in template
 * validation off in both (`--no-validation`; `CDK_VALIDATION=false`).
 */
async function measureCase(
  /** @type {string} */ label,
  /** @type {string[]} */ dirs,
  /** @type {number} */ runs,
  { validation = true } = {},
) {
  const work = `${TMP_DIR}/synth/${label}`;
  mkdirSync(work, { recursive: true });
  const handOut = `${work}/hand.out`;
  const oursOut = `${work}/ours.out`;
  const hand = await handWrittenApp(dirs, handOut);
  writeFileSync(`${work}/app.mjs`, hand.source);
  const oursArgs = [CLI, 'synth', ...dirs.flatMap((d) => ['--dir', d]), '--stage', STAGE, '--out', oursOut];
  if (!validation) oursArgs.push('--no-validation');
  const handEnv = validation ? {} : { CDK_VALIDATION: 'false' };
  /** @type {number[]} */ const ours = [];
  /** @type {number[]} */ const handMs = [];
  for (let i = 0; i < runs; i++) {
    // alternate which goes first, so neither always runs on a cooler or warmer machine
    const pair = [
      async () => {
        rmSync(oursOut, { recursive: true, force: true });
        ours.push(await timed(oursArgs, REPO_DIR));
      },
      async () => {
        rmSync(handOut, { recursive: true, force: true });
        handMs.push(await timed([`${work}/app.mjs`], REPO_DIR, handEnv));
      },
    ];
    if (i % 2 === 1) pair.reverse();
    for (const step of pair) await step();
  }
  const result = {
    functions: hand.functions,
    validation,
    runs,
    lambdaport: { ms: ours.map((v) => round(v, 0)), medianMs: round(median(ours), 0), templates: templates(oursOut) },
    handWritten: {
      ms: handMs.map((v) => round(v, 0)),
      medianMs: round(median(handMs), 0),
      templates: templates(handOut),
    },
    ratio: ratio(median(ours), median(handMs)),
  };
  rmSync(work, { recursive: true, force: true });
  return result;
}

/** @type {import('../lib/scenario.mjs').Scenario} */
export const scenario = {
  id: 'synth',
  title: 'lambdaport synth against a hand-written CDK app of the same functions (NodejsFunction)',
  peers: false,
  async run({ quick }) {
    if (!existsSync(`${REPO_DIR}/packages/cdk/dist/index.js`)) {
      throw new Error('packages/cdk is not built: npx tsc -b');
    }
    const runs = quick ? 1 : 5;
    const generated = `${TMP_DIR}/synth-generated-50`;
    generateService(generated, 50);
    try {
      return {
        targetRatio: TARGET_RATIO,
        cases: {
          examples: await measureCase('examples', EXAMPLES, runs),
          examplesNoValidation: await measureCase('examples-no-validation', EXAMPLES, runs, { validation: false }),
          generated50: await measureCase('generated50', [generated], quick ? 1 : 3),
        },
      };
    } finally {
      rmSync(generated, { recursive: true, force: true });
    }
  },
};

runIfMain(import.meta.url, scenario);
