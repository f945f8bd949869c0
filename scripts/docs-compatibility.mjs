#!/usr/bin/env node
/**
 * Writes docs/compatibility.md, the rules table of `lambdaport check`, from @lambdaport/governance's rules.
 * `npm run docs:compatibility` builds the package first; a test fails when the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderCompatibilityDoc } from '@lambdaport/governance';

const file = path.resolve(import.meta.dirname, '../docs/compatibility.md');
writeFileSync(file, renderCompatibilityDoc());
console.log('wrote docs/compatibility.md');
