/**
 * SQS's query protocol (form-encoded `Action=<Op>&Version=2012-11-05&…`, XML answers), which older clients speak
 * (the boto3 and AWS CLI Debian ships): decoded to the same operation inputs as JSON 1.0, answered in XML from the
 * same outputs.
 */
import type { SqsError } from './errors.js';

const NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';
const NUMBERS = new Set(['MaxNumberOfMessages', 'VisibilityTimeout', 'WaitTimeSeconds', 'DelaySeconds']);
/** Flattened list prefix → the JSON member it fills, and how its entries are read. */
const LISTS: Readonly<Record<string, string>> = {
  AttributeName: 'AttributeNames',
  MessageAttributeName: 'MessageAttributeNames',
  MessageSystemAttributeName: 'MessageSystemAttributeNames',
  SendMessageBatchRequestEntry: 'Entries',
  DeleteMessageBatchRequestEntry: 'Entries',
  ChangeMessageVisibilityBatchRequestEntry: 'Entries',
};

type Json = Record<string, unknown>;

/** `Attribute.1.Name=a&Attribute.1.Value=b` → `{ a: 'b' }`; `MessageAttribute.1.…` → `{ name: { DataType, … } }`. */
function maps(fields: Map<string, string>, prefix: string): Json | undefined {
  const out: Json = {};
  for (let i = 1; fields.has(`${prefix}.${i}.Name`); i++) {
    const name = fields.get(`${prefix}.${i}.Name`) as string;
    if (prefix.endsWith('MessageAttribute')) {
      out[name] = {
        DataType: fields.get(`${prefix}.${i}.Value.DataType`),
        StringValue: fields.get(`${prefix}.${i}.Value.StringValue`),
        BinaryValue: fields.get(`${prefix}.${i}.Value.BinaryValue`),
      };
    } else {
      out[name] = fields.get(`${prefix}.${i}.Value`);
    }
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** The fields of one level (`` for the request, `Entries.1.` for an entry) as an operation input. */
function level(fields: Map<string, string>, prefix: string): Json {
  const input: Json = {};
  for (const [key, value] of fields) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    if (rest.includes('.')) continue;
    input[rest] = NUMBERS.has(rest) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  const attributes = maps(fields, `${prefix}Attribute`);
  if (attributes !== undefined) input.Attributes = attributes;
  const messageAttributes = maps(fields, `${prefix}MessageAttribute`);
  if (messageAttributes !== undefined) input.MessageAttributes = messageAttributes;
  return input;
}

/**
 * Decodes a form-encoded request into its action and the JSON-protocol input.
 *
 * @example
 * decodeQuery(Buffer.from('Action=ReceiveMessage&QueueUrl=…&MaxNumberOfMessages=10')); // { action, input }
 */
export function decodeQuery(body: Buffer): { action: string; input: Json } {
  const fields = new Map(new URLSearchParams(body.toString('utf8')));
  const input = level(fields, '');
  for (const [prefix, member] of Object.entries(LISTS)) {
    const items: unknown[] = [];
    for (let i = 1; ; i++) {
      if (fields.has(`${prefix}.${i}`)) items.push(fields.get(`${prefix}.${i}`));
      else if ([...fields.keys()].some((k) => k.startsWith(`${prefix}.${i}.`)))
        items.push(level(fields, `${prefix}.${i}.`));
      else break;
    }
    if (items.length > 0) input[member] = items;
  }
  const action = String(input.Action ?? '');
  delete input.Action;
  delete input.Version;
  return { action, input };
}

function xmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Json)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${xmlText(String(value))}</${name}>`;
}

/** `{ a: 'b' }` → `<Attribute><Name>a</Name><Value>b</Value></Attribute>`… (message attributes nest their value). */
function attributeList(tag: string, map: unknown): string {
  return Object.entries((map ?? {}) as Json)
    .map(([name, value]) => element(tag, { Name: name, Value: value }))
    .join('');
}

/** The `<Action>Result` body of an operation's JSON output. */
function result(action: string, output: Json): string {
  switch (action) {
    case 'ReceiveMessage':
      return ((output.Messages as Json[] | undefined) ?? [])
        .map((m) => {
          const { Attributes, MessageAttributes, ...rest } = m;
          const fields = Object.entries(rest)
            .map(([k, v]) => element(k, v))
            .join('');
          return `<Message>${fields}${attributeList('Attribute', Attributes)}${attributeList('MessageAttribute', MessageAttributes)}</Message>`;
        })
        .join('');
    case 'GetQueueAttributes':
      return attributeList('Attribute', output.Attributes);
    case 'ListQueues':
      return element('QueueUrl', output.QueueUrls);
    case 'SendMessageBatch':
    case 'DeleteMessageBatch':
    case 'ChangeMessageVisibilityBatch':
      return element(`${action}ResultEntry`, output.Successful) + element('BatchResultErrorEntry', output.Failed);
    default:
      return Object.entries(output)
        .map(([k, v]) => element(k, v))
        .join('');
  }
}

/** The XML answer of a successful operation. */
export function encodeQueryResult(action: string, output: unknown, requestId: string): string {
  const body = result(action, (output ?? {}) as Json);
  return (
    `<?xml version="1.0"?><${action}Response xmlns="${NAMESPACE}"><${action}Result>${body}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

/** The XML answer of an error. */
export function encodeQueryError(error: SqsError, requestId: string): string {
  return (
    `<?xml version="1.0"?><ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type>` +
    `<Code>${xmlText(error.queryCode)}</Code><Message>${xmlText(error.message)}</Message><Detail/></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
