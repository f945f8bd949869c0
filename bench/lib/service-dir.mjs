/**
 * A scratch service folder holding the same function code for every tool, and each tool's config for it:
 * `lambdaport.config.mjs` (a plain object default export) and `serverless.yml`.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { deployedName } from 'lambdaport/names';
import { FUNCTIONS_DIR, TMP_DIR } from './paths.mjs';

export const SERVICE = 'bench';
export const STAGE = 'dev';

/**
 * @typedef {{ name: string, file: string }} BenchFunction  a function `name` whose handler is `handler` in bench/functions/<file>
 * @typedef {{ dir: string, functions: BenchFunction[], lambdaportNames: Record<string, string>, slsNames: Record<string, string> }} ServiceDir
 */

/**
 * Creates (anew) bench/.tmp/<label> with the functions' files and both configs.
 * @param {string} label
 * @param {BenchFunction[]} functions
 * @returns {ServiceDir}
 */
export function makeServiceDir(label, functions) {
  const dir = `${TMP_DIR}/${label}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of new Set(functions.map((f) => f.file))) copyFileSync(`${FUNCTIONS_DIR}/${file}`, `${dir}/${file}`);
  const lambdaportConfig = {
    service: SERVICE,
    stage: STAGE,
    functions: Object.fromEntries(
      functions.map((f) => [f.name, { handler: `${f.file}#handler`, timeout: 30, memorySize: 256 }]),
    ),
  };
  writeFileSync(`${dir}/lambdaport.config.mjs`, `export default ${JSON.stringify(lambdaportConfig, null, 2)};\n`);
  writeFileSync(`${dir}/package.json`, '{ "type": "module", "private": true }\n');
  const slsFunctions = functions
    .map(
      (f) => `  ${f.name}:\n    handler: ${basename(f.file, '.mjs')}.handler\n    timeout: 30\n    memorySize: 256\n`,
    )
    .join('');
  writeFileSync(
    `${dir}/serverless.yml`,
    [
      `service: ${SERVICE}`,
      "frameworkVersion: '3'",
      'provider:',
      '  name: aws',
      '  runtime: nodejs20.x',
      '  region: us-east-1',
      `  stage: ${STAGE}`,
      'plugins:',
      '  - serverless-offline',
      'functions:',
      slsFunctions,
    ].join('\n'),
  );
  return {
    dir,
    functions,
    lambdaportNames: Object.fromEntries(functions.map((f) => [f.name, lambdaportDeployedName(f.name)])),
    slsNames: Object.fromEntries(functions.map((f) => [f.name, `${SERVICE}-${STAGE}-${f.name}`])),
  };
}

/** lambdaport's deployed name of a bench function (`lambdaport/names`). @param {string} fn */
export function lambdaportDeployedName(fn) {
  return deployedName(STAGE, SERVICE, fn);
}

/** @param {string} dir */
export function removeServiceDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}
