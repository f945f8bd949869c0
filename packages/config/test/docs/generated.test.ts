/**
 * docs/config.md and the JSON Schema are generated from the zod schema and committed; they must not drift from it.
 * Every key carries a description and an example (and its default and limits, where it has them: the schema's own).
 *
 * To regenerate: `npm run docs:config` (or `UPDATE_CONFIG_DOCS=1 npx vitest run packages/config/test/docs`), then
 * review and commit the files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, renderConfigReference, validateConfig } from '../../src/index.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const REGENERATE = 'npm run docs:config (or UPDATE_CONFIG_DOCS=1 npx vitest run packages/config/test/docs)';

const generated = [
  { file: 'docs/config.md', text: () => renderConfigReference() },
  {
    file: 'packages/config/schema/lambdaport.config.schema.json',
    text: () => `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
  },
];

describe('files generated from the config schema', () => {
  for (const { file, text } of generated) {
    it(`${file} is what the schema generates`, () => {
      const absolute = path.join(ROOT, file);
      const expected = text();
      if (process.env.UPDATE_CONFIG_DOCS === '1') {
        mkdirSync(path.dirname(absolute), { recursive: true });
        writeFileSync(absolute, expected);
      }
      const committed = existsSync(absolute) ? readFileSync(absolute, 'utf8') : '';

      expect(committed === expected, `${file} differs from the config schema: regenerate it with ${REGENERATE}`).toBe(
        true,
      );
    });
  }
});

interface JsonNode {
  readonly description?: string;
  readonly examples?: readonly unknown[];
  readonly properties?: Record<string, JsonNode>;
  readonly additionalProperties?: JsonNode | boolean;
  readonly anyOf?: readonly JsonNode[];
  readonly items?: JsonNode;
}

/** Every key of every object of the schema, with its dotted place. */
function keysOf(node: JsonNode, at: string, out: [string, JsonNode][] = []): [string, JsonNode][] {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    out.push([`${at}${key}`, child]);
    keysOf(child, `${at}${key}.`, out);
  }
  if (typeof node.additionalProperties === 'object') keysOf(node.additionalProperties, `${at}<key>.`, out);
  for (const member of node.anyOf ?? []) keysOf(member, at, out);
  if (node.items !== undefined) keysOf(node.items, at, out);
  return out;
}

describe('the JSON Schema', () => {
  const schema = configJsonSchema() as JsonNode;

  it('describes every key and gives an example of it', () => {
    const keys = keysOf(schema, '');
    const undocumented = keys.filter(([, node]) => !node.description || !node.examples?.length).map(([key]) => key);

    expect(keys.length).toBeGreaterThan(30);
    expect(undocumented).toEqual([]);
  });

  it('holds examples that the schema accepts: a config made of every example is valid in form', () => {
    const example = (node: JsonNode | undefined) => node?.examples?.[0];
    const objectExample = (node: JsonNode | undefined) =>
      Object.fromEntries(Object.entries(node?.properties ?? {}).map(([key, child]) => [key, example(child)]));
    const root = objectExample(schema);
    const functions = schema.properties?.functions?.additionalProperties;
    const config = {
      ...root,
      functions: { get: objectExample(typeof functions === 'object' ? functions : undefined) },
    };

    let issues: { path: string; message: string }[] = [];
    try {
      validateConfig(config, '/nonexistent/lambdaport.config.json', '/nonexistent');
    } catch (error) {
      issues = (error as { issues: typeof issues }).issues;
    }

    // the dir does not exist: only the file checks may fail, never the form of an example
    expect(issues.filter((issue) => !/ not found in \/nonexistent$/.test(issue.message))).toEqual([]);
    expect(issues.length).toBeGreaterThan(0);
  });
});
