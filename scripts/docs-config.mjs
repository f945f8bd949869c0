#!/usr/bin/env node
/**
 * Writes what is generated from the config's zod schema: docs/config.md (the config reference) and the JSON Schema
 * packages/config/schema/lambdaport.config.schema.json. `npm run docs:config` builds @lambdaport/config first.
 * With --check, writes nothing and exits 1 when a committed file differs from what the schema generates.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configJsonSchema, renderConfigReference } from '@lambdaport/config';

const ROOT = path.resolve(import.meta.dirname, '..');
const files = [
  { file: 'docs/config.md', text: renderConfigReference() },
  {
    file: 'packages/config/schema/lambdaport.config.schema.json',
    text: `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
  },
];

const check = process.argv.includes('--check');
let stale = 0;
for (const { file, text } of files) {
  const absolute = path.join(ROOT, file);
  const current = existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined;
  if (current === text) continue;
  if (check) {
    console.error(`${file} differs from what the config schema generates`);
    stale++;
    continue;
  }
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
  console.log(`wrote ${file}`);
}
if (stale > 0) {
  console.error('run npm run docs:config, then review and commit the files');
  process.exitCode = 1;
}
