/**
 * The page of one service: its functions (each major served), with their input and output as tables and JSON Schema
 * files, errors and HTTP statuses, idempotency, callers, events published and subscribed to, an example and
 * copy-paste calls; then its events (events.ts).
 */
import type { LoadedService, LocalFunction } from '@lambdaport/config';
import { functionLabel } from '@lambdaport/config';
import type { LoadedContract } from '../../contracts/types.js';
import { anchorOf, type Block, type Page, type Text } from '../blocks.js';
import { callSnippets } from '../calls.js';
import { fieldRows } from '../fields.js';
import { callersOf, type DocsInput, schemaFile, servicePageName } from '../input.js';
import { eventFacts, eventsSection } from './events.js';
import { fieldTable } from './field-table.js';
import { generatedNote } from './generated-note.js';

/** The HTTP status an HTTP adapter answers a declared error with when nothing says otherwise. */
const DEFAULT_ERROR_STATUS = 422;

/**
 * The page of `service`.
 *
 * @example
 * const page = servicePage(records, input);
 */
export function servicePage(service: LoadedService, input: DocsInput): Page {
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: [`Service ${service.service}`] },
    generatedNote(input.regenerate),
    {
      kind: 'paragraph',
      text: [
        'Stage ',
        { code: service.stage },
        ', region ',
        { code: service.region },
        ' (deployed names below are those of this stage). Back to ',
        { text: 'all services', link: { page: 'index' } },
        '.',
      ],
    },
    { kind: 'heading', level: 2, text: ['Functions'] },
    {
      kind: 'table',
      head: ['function', 'description', 'versions served', 'idempotent'],
      rows: service.functions
        .filter((fn) => fn.current)
        .map((fn) => {
          const majors = service.functions.filter((other) => other.name === fn.name);
          const contract = contractOf(fn, input);
          return [
            [{ text: functionLabel(fn), link: { anchor: anchorOf(functionLabel(fn)) } }],
            [contract?.description ?? fn.description],
            majors.map((m) => `v${m.major}`).join(', ') === '' ? [] : [majors.map((m) => `v${m.major}`).join(', ')],
            [contract === undefined ? '?' : contract.idempotent ? 'yes' : 'no'],
          ];
        }),
    },
  ];
  for (const fn of service.functions) blocks.push(...functionSection(fn, service, input));
  blocks.push(...eventsSection(service, input));
  return { name: servicePageName(service.service), title: `${service.service}: lambdaport service`, blocks };
}

function contractOf(fn: LocalFunction, input: DocsInput): LoadedContract | undefined {
  return input.contracts.find((c) => c.fn === fn);
}

function functionSection(fn: LocalFunction, service: LoadedService, input: DocsInput): Block[] {
  const label = functionLabel(fn);
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: [label] }];
  const contract = contractOf(fn, input);
  if (contract === undefined) {
    const problems = input.problems.filter(
      (p) => p.service === fn.service && p.function === fn.name && p.major === fn.major,
    );
    blocks.push({ kind: 'note', text: [{ strong: 'No contract loaded.' }, ' ', fn.description] });
    blocks.push({ kind: 'list', items: problems.map((p) => [{ code: p.keyPath }, `: ${p.message}`]) });
    const events = eventFacts(fn, input);
    if (events.length > 0) blocks.push({ kind: 'table', head: ['', ''], rows: events });
    return blocks;
  }
  blocks.push({ kind: 'paragraph', text: [contract.description] });
  blocks.push({ kind: 'table', head: ['', ''], rows: facts(contract, service, input) });

  const inputExample = contract.examples[0];
  blocks.push({ kind: 'heading', level: 3, text: [`Input of ${label}`] });
  blocks.push(
    ...schemaBlocks(contract, 'input', inputExample === undefined ? undefined : { value: inputExample.input }),
  );
  blocks.push({ kind: 'heading', level: 3, text: [`Output of ${label}`] });
  const outputExample = contract.examples.find((e) => e.hasOutput);
  blocks.push(
    ...schemaBlocks(contract, 'output', outputExample === undefined ? undefined : { value: outputExample.output }),
  );
  blocks.push({ kind: 'heading', level: 3, text: [`Errors of ${label}`] });
  blocks.push(...errorBlocks(contract, fn));
  if (contract.examples.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: [`Examples of ${label}`] });
    for (const example of contract.examples) {
      const name = example.name ?? 'example';
      blocks.push({
        kind: 'code',
        language: 'json',
        title: `${name}: input`,
        code: JSON.stringify(example.input, null, 2),
      });
      if (example.hasOutput) {
        blocks.push({
          kind: 'code',
          language: 'json',
          title: `${name}: output`,
          code: JSON.stringify(example.output, null, 2),
        });
      }
    }
  }
  blocks.push({ kind: 'heading', level: 3, text: [`Call ${label}`] });
  const sample = inputExample?.input ?? {};
  blocks.push({
    kind: 'paragraph',
    text: [
      inputExample === undefined
        ? 'The contract has no example: these calls send {}; add examples to the contract to show a real input.'
        : `With the contract's example input${inputExample.name === undefined ? '' : ` (${inputExample.name})`}.`,
      ' Credentials and region come from the environment (',
      { code: 'AWS_REGION' },
      ', a profile...); against ',
      { code: 'lambdaport dev' },
      ', set ',
      { code: 'AWS_ENDPOINT_URL' },
      ' as its banner shows.',
    ],
  });
  for (const snippet of callSnippets(contract, sample)) {
    blocks.push({ kind: 'code', language: snippet.language, title: snippet.title, code: snippet.code });
  }
  return blocks;
}

function facts(contract: LoadedContract, service: LoadedService, input: DocsInput): Text[][] {
  const fn = contract.fn;
  const majors = service.functions.filter((other) => other.name === fn.name);
  const callers = callersOf(fn, input.services);
  const rows: Text[][] = [
    [['friendly name'], [{ code: contract.friendlyName }, fn.current ? '' : ` major ${fn.major} (${contract.label})`]],
    [
      ['deployed name'],
      [{ code: fn.deployedName }, ', alias ', { code: `v${fn.major}` }, ' (what callers of this major invoke)'],
    ],
    [
      ['versions served'],
      majors.flatMap(
        (m, i): Text => [
          i === 0 ? '' : '; ',
          m === fn ? { strong: `v${m.major}` } : { text: `v${m.major}`, link: { anchor: anchorOf(functionLabel(m)) } },
          m.current ? ' (current)' : '',
          ' by ',
          { code: m.deployedName },
        ],
      ),
    ],
    [
      ['contract'],
      [
        { code: contract.contractName },
        ` version ${contract.version}, `,
        { code: `${relativeSource(contract)}#${contract.source.exportName}` },
      ],
    ],
    [
      ['idempotent'],
      [
        contract.idempotent
          ? 'yes: calling twice has the effect of once; the typed client retries time-outs and throttling'
          : 'no: the typed client does not retry a call that may have run',
      ],
    ],
    [
      ['called by'],
      callers.length === 0
        ? ['no function of the services documented here (callers in other services are not known)']
        : callers.flatMap(
            (c, i): Text => [
              i === 0 ? '' : ', ',
              { text: c.label, link: { page: servicePageName(c.service), anchor: anchorOf(c.label) } },
              ' (',
              { code: c.entry },
              ')',
            ],
          ),
    ],
  ];
  if (fn.url !== undefined) {
    rows.push([['Function URL'], [`yes, auth `, { code: fn.url.authType }]]);
  }
  rows.push(...eventFacts(fn, input));
  rows.push([['in the config'], [{ code: contract.source.keyPath.replace(/\.contract$/, '') }, `: ${fn.description}`]]);
  return rows;
}

function relativeSource(contract: LoadedContract): string {
  const dir = contract.fn.dir.endsWith('/') ? contract.fn.dir : `${contract.fn.dir}/`;
  return contract.source.file.startsWith(dir) ? contract.source.file.slice(dir.length) : contract.source.file;
}

function schemaBlocks(
  contract: LoadedContract,
  side: 'input' | 'output',
  example: { value: unknown } | undefined,
): Block[] {
  const schema = side === 'input' ? contract.inputSchema : contract.outputSchema;
  const rows = fieldRows(schema, example);
  const file: Block = {
    kind: 'paragraph',
    text: ['JSON Schema: ', { text: schemaFile(contract, side), link: { file: schemaFile(contract, side) } }],
  };
  if (rows.length === 0)
    return [{ kind: 'paragraph', text: ['An object with no fields: ', { code: '{}' }, '.'] }, file];
  return [fieldTable(rows), file];
}

function errorBlocks(contract: LoadedContract, fn: LocalFunction): Block[] {
  const blocks: Block[] = [];
  if (contract.errors.length === 0) {
    blocks.push({ kind: 'paragraph', text: ['No declared error.'] });
  } else {
    blocks.push({
      kind: 'table',
      head: ['error', 'HTTP status', 'data', 'description'],
      rows: contract.errors.map((error) => [
        [{ code: error.name }],
        error.status === undefined
          ? [`${DEFAULT_ERROR_STATUS} (httpHandler's default)`]
          : [`${error.status} (defineError's status)`],
        fieldRows(error.dataSchema).flatMap(
          (row, i): Text => [
            i === 0 ? '' : ', ',
            { code: row.field === '' ? '(the value)' : row.field },
            `: ${row.type}${row.required ? '' : ' (optional)'}`,
          ],
        ),
        [error.description ?? ''],
      ]),
    });
  }
  blocks.push({
    kind: 'note',
    text: [
      'Over the Invoke API an error arrives as a function error whose ',
      { code: 'errorType' },
      ' is its name, with its data (the typed client throws the declared class). ',
      fn.url === undefined ? 'Through an HTTP adapter ' : 'Through the Function URL ',
      '(httpHandler), the status is the one shown: ',
      { code: 'defineError' },
      "'s ",
      { code: 'status' },
      ` option, else ${DEFAULT_ERROR_STATUS}; a handler's `,
      { code: 'errors' },
      ' option may map another, which the contract does not know. Any function may also fail with ',
      { code: 'InvalidRequestError' },
      ' (input refused by the schema; HTTP 400).',
    ],
  });
  return blocks;
}
