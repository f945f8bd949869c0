/**
 * Copy-paste calls of a function's major, with the contract's example input (else `{}`): over the Invoke API, or over
 * HTTP for a function with a Function URL.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedContract } from '../contracts/types.js';

/** A copy-paste call: a title saying what it needs, its language, its code. */
export interface CallSnippet {
  readonly title: string;
  readonly language: 'ts' | 'sh' | 'python';
  readonly code: string;
}

/**
 * The calls of `contract`'s function with `input`: over the Invoke API (its alias `v<major>`) with the typed client,
 * the AWS CLI (a form for v1 and v2 alike, and v2's inline form) and boto3; or, for a function with a Function URL
 * (an HTTP handler, which an Invoke payload does not fit), over HTTP with curl, Python and fetch, the URL read from
 * the Lambda API.
 *
 * @example
 * for (const snippet of callSnippets(contract, { id: 1 })) console.log(snippet.title, snippet.code);
 */
export function callSnippets(contract: LoadedContract, input: unknown): CallSnippet[] {
  return contract.fn.url === undefined ? invokeSnippets(contract, input) : urlSnippets(contract, input);
}

function invokeSnippets(contract: LoadedContract, input: unknown): CallSnippet[] {
  const json = JSON.stringify(input);
  const name = contract.fn.deployedName;
  const alias = `v${contract.major}`;
  const client = `${camel(contract.service)}${contract.current ? '' : `V${contract.major}`}`;
  const typescript = [
    "import { createClient } from 'lambdaport/client';",
    `import { ${contract.source.exportName.split('.')[0]} } from '${contractImport(contract)}';`,
    '',
    `// resolves ${contract.contractName} through SSM, invokes alias ${alias}, checks input and output`,
    `const ${client} = createClient(${contract.source.exportName});`,
    `const output = await ${client}.invoke(${json});`,
  ].join('\n');
  const awsCli = `echo ${shellQuote(json)} | aws lambda invoke --function-name ${name} --qualifier ${alias} \\\n  --payload fileb:///dev/stdin out.json && cat out.json`;
  const awsCliV2 = `aws lambda invoke --function-name ${name} --qualifier ${alias} \\\n  --cli-binary-format raw-in-base64-out --payload ${shellQuote(json)} out.json && cat out.json`;
  const boto3 = [
    'import json',
    'import boto3',
    '',
    'response = boto3.client("lambda").invoke(',
    `    FunctionName="${name}",`,
    `    Qualifier="${alias}",`,
    `    Payload=json.dumps(${pythonLiteral(input)}),`,
    ')',
    'result = json.loads(response["Payload"].read())',
    'if "FunctionError" in response:',
    "    raise RuntimeError(f\"{result['errorType']}: {result['errorMessage']}\")",
    'print(result)',
  ].join('\n');
  return [
    { title: 'TypeScript, with the typed client', language: 'ts', code: typescript },
    { title: 'AWS CLI v1 or v2 (the payload as raw bytes on stdin)', language: 'sh', code: awsCli },
    { title: 'AWS CLI v2 only (inline payload)', language: 'sh', code: awsCliV2 },
    { title: 'Python, with boto3', language: 'python', code: boto3 },
  ];
}

function urlSnippets(contract: LoadedContract, input: unknown): CallSnippet[] {
  const name = contract.fn.deployedName;
  const query = queryOf(input);
  const iam = contract.fn.url?.authType === 'AWS_IAM';
  const json = JSON.stringify(input);
  const request =
    query === undefined ? `curl -X POST -H 'content-type: application/json' --data ${shellQuote(json)}` : 'curl';
  const sign = iam
    ? ' --aws-sigv4 "aws:amz:$AWS_REGION:lambda" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"'
    : '';
  const curl = [
    `url=$(aws lambda get-function-url-config --function-name ${name} --query FunctionUrl --output text)`,
    `${request}${sign} "\${url}${query ?? ''}"`,
  ].join('\n');
  const python = [
    'import json',
    'import urllib.request',
    'import boto3',
    '',
    `url = boto3.client("lambda").get_function_url_config(FunctionName="${name}")["FunctionUrl"]`,
    query === undefined
      ? `request = urllib.request.Request(url, data=json.dumps(${pythonLiteral(input)}).encode(), headers={"content-type": "application/json"})`
      : `request = urllib.request.Request(url + ${JSON.stringify(query)})`,
    'with urllib.request.urlopen(request) as response:',
    '    print(json.load(response))',
  ].join('\n');
  const fetchCall =
    query === undefined
      ? `await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(${json}) })`
      : `await fetch(\`\${url}${query}\`)`;
  const typescript = [
    "import { GetFunctionUrlConfigCommand, LambdaClient } from '@aws-sdk/client-lambda';",
    '',
    `const { FunctionUrl: url } = await new LambdaClient({}).send(new GetFunctionUrlConfigCommand({ FunctionName: '${name}' }));`,
    `const response = ${fetchCall};`,
    'console.log(response.status, await response.json());',
  ].join('\n');
  const tail = iam ? ' (auth AWS_IAM: signed with SigV4)' : '';
  return [
    { title: `curl, the URL read with the AWS CLI v1 or v2${tail}`, language: 'sh', code: curl },
    {
      title: `Python, the URL read with boto3${iam ? ' (sign the request with botocore for AWS_IAM)' : ''}`,
      language: 'python',
      code: python,
    },
    {
      title: `TypeScript, the URL read with the AWS SDK${iam ? ' (sign the request for AWS_IAM)' : ''}`,
      language: 'ts',
      code: typescript,
    },
  ];
}

/**
 * The query string that carries `input` when it is a flat object of strings, numbers and booleans (`?id=1`); else
 * undefined (send it as a JSON body). How an HTTP request maps to the input is the handler's choice (`httpHandler`'s
 * `input`): this is the common one.
 *
 * @example
 * queryOf({ id: 1 }); // '?id=1'
 */
export function queryOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const entries = Object.entries(input as Record<string, unknown>);
  if (!entries.every(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'))
    return undefined;
  if (entries.length === 0) return '';
  return `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
}

/**
 * Where a caller imports the contract from: the service package's export that maps to the contract's module
 * (`@lambdaport-examples/records/contract` for `src/contract.ts`), else the module's path in the service.
 */
function contractImport(contract: LoadedContract): string {
  const dir = contract.fn.dir;
  const moduleName = stem(contract.source.file);
  const manifest = path.join(dir, 'package.json');
  if (existsSync(manifest)) {
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; exports?: unknown };
    if (typeof pkg.name === 'string' && typeof pkg.exports === 'object' && pkg.exports !== null) {
      for (const [subpath, target] of Object.entries(pkg.exports as Record<string, unknown>)) {
        if (subpath.includes('*')) continue;
        const targets = typeof target === 'string' ? [target] : Object.values(target as Record<string, unknown>);
        if (targets.some((t) => typeof t === 'string' && /\.[cm]?js$/.test(t) && stem(t) === moduleName)) {
          return subpath === '.' ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, '')}`;
        }
      }
    }
  }
  const relative = path.relative(dir, contract.source.file).split(path.sep).join('/');
  // what TypeScript emits for it: .ts → .js, .mts → .mjs, .cts → .cjs
  return `./${relative.replace(/\.([cm]?)tsx?$/, '.$1js')}`;
}

function stem(file: string): string {
  const base = path.basename(file);
  return base.slice(0, base.length - path.extname(base).length);
}

function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * A string quoted for a POSIX shell: single quotes, each `'` written `'\''`.
 *
 * @example
 * shellQuote('{"a":"it\'s"}'); // '\'{"a":"it\'\\\'\'s"}\''
 */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/**
 * A JSON value written as a Python literal (`true` → `True`, `null` → `None`; strings as JSON writes them, which Python
 * reads the same).
 *
 * @example
 * pythonLiteral({ id: 1, ok: true, note: null }); // '{"id": 1, "ok": True, "note": None}'
 */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'None';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v)}`).join(', ')}}`;
  }
  return 'None';
}
