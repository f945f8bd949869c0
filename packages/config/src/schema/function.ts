/**
 * A function of the service (`functions.<name>`), its Function URL and its older majors (`versions.<N>`).
 */
import { CONFIG_DEFAULTS } from 'lambdaport/config';
import { z } from 'zod';
import { environment } from './environment.js';
import { checkQueue } from './event-use.js';
import { publishes, queue, subscribe } from './events.js';
import { BOOTSTRAP_PATTERN, call, EXPORT_REF_PATTERN, tableKey } from './names.js';
import { expected, shown, strictObject } from './words.js';

/** The runtimes a config may name: the Lambda ones, and the legacy `nodejs` and `provided`. */
export const RUNTIMES = ['nodejs22.x', 'nodejs24.x', 'provided.al2023', 'nodejs', 'provided'] as const;

/** True when a `runtime` setting runs an executable bootstrap rather than a Node handler. */
export function isProvided(runtime: unknown): boolean {
  return runtime === 'provided' || runtime === 'provided.al2023';
}

const HANDLER_EXPECTED = 'a handler "path/file.ts#export"';
const BOOTSTRAP_EXPECTED = 'the path of an executable bootstrap file ("provided" runtime)';

const handler = z.string(expected(`${HANDLER_EXPECTED} (or ${BOOTSTRAP_EXPECTED})`)).meta({
  description:
    'The code that runs. Node runtimes: `path/file.ts#export`, the path relative to the service dir (TypeScript or JavaScript, bundled with esbuild); `provided` runtimes: the path of an executable `bootstrap`. The file must exist inside the service dir (symbolic links included).',
  examples: ['src/handlers.ts#handler', 'native/bootstrap'],
});

const description = z.string(expected('a description of at most 256 characters')).max(256);

const contract = z
  .string(expected('a contract "path/file.ts#export"'))
  .regex(EXPORT_REF_PATTERN)
  .meta({
    description:
      'The module export holding the contract (`defineFunction`) this code serves: `path/file.ts#export`, the file inside the service dir. Tools read it for docs and compatibility checks; it is not loaded when the config is.',
    examples: ['src/contract.ts#getRecord'],
  });

/** An older major, served by a function of its own (`<stage>-<service>-<function>-v<N>-<hash6>`). */
export const versionSchema = strictObject(
  {
    handler: handler.meta({
      description: "The handler serving this major, in the same form as the function's `handler` (same runtime).",
      examples: ['src/v1/handlers.ts#handler'],
    }),
    environment: environment.optional().meta({
      description: "Variables of this major, set over the function's own (same value forms).",
      examples: [{ API_MAJOR: '1' }],
    }),
    description: description
      .optional()
      .meta({ description: "This major's description; default: the function's.", examples: ['records.get v1'] }),
    contract: contract.optional().meta({
      description: "The module export holding this major's contract: `path/file.ts#export`.",
      examples: ['src/v1/contract.ts#getRecord'],
    }),
  },
  'a version ({ handler, environment?, description?, contract? })',
).meta({
  title: 'Older major',
  description:
    "An older API major still served, by a function of its own: deployed as `<stage>-<service>-<function>-v<N>-<hash6>` with alias `v<N>`, with the function's runtime, timeout, memory, reserved concurrency, `tables` and `calls`, and no Function URL.",
});

const url = strictObject(
  {
    authType: z.enum(['NONE', 'AWS_IAM'], expected('one of "NONE", "AWS_IAM"')).meta({
      description: '`NONE`: open to anyone with the URL; `AWS_IAM`: signed requests only.',
      examples: ['NONE'],
    }),
  },
  'a Function URL ({ authType })',
).meta({
  title: 'Function URL',
  description: 'A Function URL (HTTPS endpoint) for the function.',
  examples: [{ authType: 'NONE' }],
});

const destination = call.meta({
  description:
    "A function of a service loaded alongside: `<service>.<function>` (its current major) or `<service>.<function>@v<N>`. It receives AWS's invocation record as an asynchronous (`Event`) invocation. Queues and buses come later as `{ queue }` / `{ bus }`.",
  examples: ['orders.audit'],
});

const asyncConfig = strictObject(
  {
    maximumRetryAttempts: z
      .number(expected('a whole number from 0 to 2'))
      .int()
      .min(0)
      .max(2)
      .optional()
      .meta({
        description:
          'How many times a function error is retried (0 to 2). Default 2. Locally the retries follow after 1 s and 2 s (`lambdaport dev --retry-delays`); on AWS after about 1 and 2 minutes. Throttles are not counted.',
        examples: [1],
      }),
    maximumEventAgeInSeconds: z
      .number(expected('a whole number of seconds from 60 to 21600'))
      .int()
      .min(60)
      .max(21_600)
      .optional()
      .meta({
        description:
          'How long an event may wait in the queue (60 to 21,600 s); older events are discarded to `onFailure`. Default 21,600 (6 hours).',
        examples: [3600],
      }),
    onSuccess: destination.optional(),
    onFailure: destination.optional(),
  },
  'an event invoke config ({ maximumRetryAttempts?, maximumEventAgeInSeconds?, onSuccess?, onFailure? })',
).meta({
  title: 'Asynchronous invocation',
  description:
    "The event invoke config of the function's asynchronous (`Event`) invocations: retries, maximum event age, and where the outcome goes. Set through the Lambda API too (PutFunctionEventInvokeConfig), per qualifier, over this.",
  examples: [{ maximumRetryAttempts: 1, maximumEventAgeInSeconds: 3600, onFailure: 'orders.failed' }],
});

const fields = {
  handler,
  runtime: z
    .enum(RUNTIMES, expected(`one of ${RUNTIMES.map((r) => `"${r}"`).join(', ')}`))
    .default(CONFIG_DEFAULTS.runtime)
    .meta({
      description:
        "The Lambda runtime. `nodejs22.x` or `nodejs24.x` run a Node handler on that Node (locally too: `lambdaport runtime install nodejs24.x`, or `LAMBDAPORT_NODE_24=/path/to/node`); `provided.al2023` runs an executable `bootstrap`. Legacy forms: `nodejs` is the host's Node major when it is 22 or 24, else `nodejs22.x` for deploy and the host's Node locally; `provided` is `provided.al2023`.",
      examples: ['nodejs22.x'],
    }),
  timeout: z
    .number(expected('a number of seconds from 1 to 900 (whole seconds)'))
    .int()
    .min(1)
    .max(900)
    .default(CONFIG_DEFAULTS.timeout)
    .meta({ description: 'Seconds an invocation may run before it is stopped.', examples: [6] }),
  memorySize: z
    .number(expected('a number of MB from 128 to 10240 (whole MB)'))
    .int()
    .min(128)
    .max(10240)
    .default(CONFIG_DEFAULTS.memorySize)
    .meta({ description: 'Memory in MB (Lambda gives CPU in proportion).', examples: [256] }),
  reservedConcurrency: z
    .number(expected('a whole number from 0 to 1000'))
    .int()
    .min(0)
    .max(1000)
    .optional()
    .meta({
      description:
        'The most environments that may run at once; calls beyond it are throttled (429). `0` turns the function off. Default: no reservation.',
      examples: [5],
    }),
  environment: environment.optional(),
  url: url.optional(),
  description: description.optional().meta({
    description: 'What the function does (at most 256 characters).',
    examples: ['Fetch one record by id.'],
  }),
  calls: z
    .array(call, expected('an array of calls ("<service>.<function>" or "<service>.<function>@v<N>")'))
    .optional()
    .meta({
      description:
        "The functions this function invokes: `<service>.<function>` (the callee's current major) or `<service>.<function>@v<N>` (that major). Its IAM policy allows `lambda:InvokeFunction` on exactly those aliases and `ssm:GetParametersByPath` on the callee services' SSM paths. An entry naming a function (or a major) that a service loaded alongside does not have is a config error; one naming a service not loaded is not checked.",
      examples: [['records.get@v1', 'orders.record']],
    }),
  tables: z
    .record(
      tableKey,
      z.enum(['read', 'read-write'], expected('one of "read", "read-write"')),
      expected('an object of table access ({ <table>: "read" | "read-write" })'),
    )
    .optional()
    .meta({
      description:
        'DynamoDB access to tables of this service: `read` (get, query, scan) or `read-write` (and put, update, delete). A `{ table }` reference in `environment` requires it.',
      examples: [{ records: 'read' }],
    }),
  contract: contract.optional(),
  async: asyncConfig.optional(),
  version: z
    .number(expected('a whole version number from 1'))
    .int()
    .min(1)
    .default(CONFIG_DEFAULTS.version)
    .meta({
      description:
        "The API major served by `handler`, published as alias `v<version>` of the function's deployed name `<stage>-<service>-<function>-<hash6>`.",
      examples: [2],
    }),
  versions: z
    .record(
      z.number(expected('a version number (a whole number from 1) as the key')).int().min(1),
      versionSchema,
      expected('an object of older versions ({ 1: { handler } })'),
    )
    .optional()
    .meta({
      description: 'Older API majors still served, keyed by their number, each by a function of its own.',
      examples: [{ 1: { handler: 'src/v1/handlers.ts#handler' } }],
    }),
  publishes: publishes.optional(),
  subscribe: subscribe.optional(),
  queue: queue.optional(),
};

/** One function. */
export const functionSchema = strictObject(fields, 'a function ({ handler, timeout?, ... })')
  .superRefine(
    (fn, ctx) => {
      const provided = isProvided(fn.runtime);
      checkHandler(fn.handler, provided, ['handler'], ctx);
      checkQueue(fn, ctx);
      if (fn.versions === null || typeof fn.versions !== 'object') return;
      for (const [key, older] of Object.entries(fn.versions)) {
        if (Number(key) === fn.version) {
          ctx.addIssue({
            code: 'custom',
            path: ['versions', key],
            input: older,
            message: `version ${key} is already served by this function's handler (its "version"); expected another number`,
          });
        } else if (older !== null && typeof older === 'object') {
          checkHandler(older.handler, provided, ['versions', key, 'handler'], ctx);
        }
      }
    },
    { when: () => true },
  )
  .meta({ title: 'Function' });

/** A handler in the form its runtime needs: `path#export` for Node, a bootstrap path (no `#`) for `provided`. */
function checkHandler(value: unknown, provided: boolean, path: string[], ctx: z.RefinementCtx): void {
  if (typeof value !== 'string') return; // the field's own schema said what it expected
  const [pattern, what] = provided ? [BOOTSTRAP_PATTERN, BOOTSTRAP_EXPECTED] : [EXPORT_REF_PATTERN, HANDLER_EXPECTED];
  if (!pattern.test(value)) {
    ctx.addIssue({ code: 'custom', path, input: value, message: `expected ${what}, got ${shown(value)}` });
  }
}
