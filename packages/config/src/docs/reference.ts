/**
 * docs/config.md, rendered from the config's JSON Schema (itself generated from the zod schema), so the reference
 * cannot drift from what is validated: every key with its type, default, limits, description and an example.
 */
import { configJsonSchema } from './json-schema.js';

/** A JSON Schema node, as far as the reference reads it. */
interface Node {
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly Node[];
  readonly properties?: Readonly<Record<string, Node>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: Node | boolean;
  readonly propertyNames?: Node;
  readonly items?: Node;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly not?: Node;
}

/** One table of the reference: an object of the config and where it sits. */
interface Section {
  readonly title: string;
  readonly paths: string[];
  readonly node: Node;
  /** The object's description at each place (a place may describe it in its own words). */
  readonly descriptions: Set<string | undefined>;
}

/** Where the generated files come from and how to regenerate them (shown in the reference). */
const GENERATED_NOTE =
  'Generated from the zod schema in `packages/config/src/schema/` by `npm run docs:config`; do not edit by hand (a test fails when this file and the schema differ).';

/**
 * The config reference in Markdown.
 *
 * @example
 * writeFileSync('docs/config.md', renderConfigReference());
 */
export function renderConfigReference(): string {
  const root = configJsonSchema() as Node;
  const sections: Section[] = [];
  collect(root, 'Service', '', sections);
  const lines = [
    '# Config reference',
    '',
    `<!-- ${GENERATED_NOTE} -->`,
    '',
    root.description ?? '',
    '',
    'A service dir holds one `lambdaport.config.{ts,mts,js,mjs,json}`. A TypeScript config exports',
    '`defineConfig({...})` from `lambdaport/config` (a misspelt key is a compile error); a JSON config may name the JSON',
    'Schema (`packages/config/schema/lambdaport.config.schema.json`, installed as',
    '`@lambdaport/config/schema/lambdaport.config.schema.json`) in `$schema` for editor help.',
    '',
    'Every problem is reported with the file, the key path and what was expected, all problems of all service dirs at',
    'once. Besides what the tables say, validation checks that paths (handlers, bootstraps, contracts, seeds) lie inside',
    'the service dir and exist, that deployed names fit 64 characters and table names 255 in the stage the service runs',
    'in, that `calls` and `{ function }` references name functions and majors the services loaded together serve, and',
    'that `publishes` names events of the service and `subscribe` events of the services loaded together.',
    '',
    '## Contents',
    '',
    ...sections.map((section) => `- [${section.title}](#${anchor(section.title)})`),
    '',
  ];
  for (const section of sections) lines.push(...renderSection(section));
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * Walks objects of the schema depth-first (values of records and items of arrays too): each with properties becomes
 * a section (one per title).
 */
function collect(node: Node, title: string, path: string, sections: Section[]): void {
  const existing = sections.find((section) => section.title === title);
  if (existing !== undefined) {
    existing.paths.push(path);
    existing.descriptions.add(node.description);
    return;
  }
  sections.push({ title, paths: [path], node, descriptions: new Set([node.description]) });
  const base = path === '' ? '' : `${path}.`;
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    for (const object of objectsIn(child)) collect(object, object.title ?? key, `${base}${key}`, sections);
    const values = typeof child.additionalProperties === 'object' ? child.additionalProperties : undefined;
    for (const object of values === undefined ? [] : objectsIn(values)) {
      collect(object, object.title ?? key, `${base}${key}.<${placeholder(key)}>`, sections);
    }
    const items = child.type === 'array' ? child.items : undefined;
    for (const object of items === undefined ? [] : objectsIn(items)) {
      collect(object, object.title ?? key, `${base}${key}[<n>]`, sections);
    }
  }
}

/** The object schemas (with properties) a node is or may be. */
function objectsIn(node: Node): Node[] {
  if (node.properties !== undefined) return [node];
  return (node.anyOf ?? []).filter((member) => member.properties !== undefined);
}

/** The placeholder of a record's key: `functions` → `function`, `environment` → `NAME`. */
function placeholder(key: string): string {
  if (key === 'environment') return 'NAME';
  if (key === 'versions') return 'major';
  return key.endsWith('s') ? key.slice(0, -1) : key;
}

function renderSection(section: Section): string[] {
  const { node } = section;
  const required = new Set(node.required ?? []);
  const where = section.paths.map((path) => (path === '' ? 'the top level' : `\`${path}\``)).join(', ');
  const lines = [`## ${section.title}`, '', `At ${where}.`, ''];
  // an object described differently where it is used (a key attribute) is described in those rows only
  if (section.descriptions.size === 1 && node.description !== undefined && section.title !== 'Service') {
    lines.push(node.description, '');
  }
  lines.push('| key | type | default | limits | description | example |', '|---|---|---|---|---|---|');
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const name = required.has(key) ? `\`${key}\` (required)` : `\`${key}\``;
    lines.push(
      `| ${[name, typeOf(child), defaultOf(child), limitsOf(child), child.description ?? '', exampleOf(child)].map(cell).join(' | ')} |`,
    );
  }
  lines.push('');
  return lines;
}

/** A readable type: `integer`, `"NONE" \| "AWS_IAM"`, `string[]`, `{ <function>: Function }`. */
function typeOf(node: Node): string {
  if (node.enum !== undefined) return node.enum.map((value) => `\`${JSON.stringify(value)}\``).join(' or ');
  if (node.anyOf !== undefined) return node.anyOf.map(typeOf).join(' or ');
  if (node.properties !== undefined) return node.title ?? 'object';
  if (node.type === 'array') return `${node.items === undefined ? 'unknown' : typeOf(node.items)} array`;
  if (node.type === 'object' && typeof node.additionalProperties === 'object') {
    return `object of ${typeOf(node.additionalProperties)}`;
  }
  return node.type ?? 'any';
}

function defaultOf(node: Node): string {
  return node.default === undefined ? '' : `\`${JSON.stringify(node.default)}\``;
}

/** Ranges, lengths and patterns of a value, and of the keys of a record. */
function limitsOf(node: Node): string {
  const limits: string[] = [];
  // a whole number without a stated maximum carries JavaScript's largest safe integer: say nothing of it
  const maximum = node.maximum === Number.MAX_SAFE_INTEGER ? undefined : node.maximum;
  if (node.minimum !== undefined && maximum !== undefined) limits.push(`${node.minimum} to ${maximum}`);
  else if (node.minimum !== undefined) limits.push(`at least ${node.minimum}`);
  else if (maximum !== undefined) limits.push(`at most ${maximum}`);
  if (node.minLength !== undefined && node.maxLength !== undefined) {
    limits.push(`${node.minLength} to ${node.maxLength} characters`);
  } else if (node.maxLength !== undefined) limits.push(`at most ${node.maxLength} characters`);
  else if (node.minLength !== undefined) limits.push(`at least ${node.minLength} characters`);
  if (node.pattern !== undefined) limits.push(`matches \`${node.pattern}\``);
  if (node.not?.enum !== undefined)
    limits.push(`none of ${node.not.enum.map((value) => `\`${String(value)}\``).join(', ')}`);
  if (node.type === 'array' && node.items !== undefined) {
    const items = limitsOf(node.items);
    if (items !== '') limits.push(`each ${items}`);
  }
  if (node.propertyNames !== undefined) {
    const keys = limitsOf(node.propertyNames);
    if (keys !== '') limits.push(`keys: ${keys}`);
  }
  return limits.join('; ');
}

function exampleOf(node: Node): string {
  const example = node.examples?.[0];
  return example === undefined ? '' : `\`${JSON.stringify(example)}\``;
}

/** A table cell: no line breaks, `|` escaped. */
function cell(text: string): string {
  return text.replace(/\n/g, ' ').replace(/\|/g, '\\|');
}

/** GitHub's heading anchor. */
function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}
