#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
/**
 * Size of the records handler bundle (examples/records/src/handlers.ts) as esbuild builds it for Lambda:
 * ESM, minified, platform node, the AWS SDK (`@aws-sdk/*`) external (the Lambda Node.js runtime ships it).
 * Reports the total and each part's share from esbuild's metafile: lambdaport's own code (packages/lambdaport),
 * Powertools Logger (with its dependencies), zod, the example's own code.
 *
 * Rerun: npm run build && node bench/bundle-size/run.mjs [--json]
 * Target: lambdaport adds at most 15 KB minified.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(root, 'examples/records/src/handlers.ts');

const result = await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  treeShaking: true,
  external: ['@aws-sdk/*'],
  metafile: true,
  write: false,
  outfile: path.join(root, 'bench/bundle-size/out/handlers.mjs'),
  logLevel: 'warning',
});

const output = result.outputFiles.find((f) => f.path.endsWith('.mjs'));
const meta = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
const parts = { lambdaport: 0, powertools: 0, zod: 0, example: 0, other: 0 };
const lambdaportFiles = [];
for (const [file, { bytesInOutput }] of Object.entries(meta.inputs)) {
  const p = file.split(path.sep).join('/');
  if (p.includes('packages/lambdaport/')) {
    parts.lambdaport += bytesInOutput;
    lambdaportFiles.push([p.replace(/^.*packages\/lambdaport\//, ''), bytesInOutput]);
  } else if (
    p.includes('node_modules/@aws-lambda-powertools/') ||
    p.includes('node_modules/@aws/lambda-invoke-store')
  ) {
    parts.powertools += bytesInOutput;
  } else if (p.includes('node_modules/zod/')) parts.zod += bytesInOutput;
  else if (p.includes('examples/records/')) parts.example += bytesInOutput;
  else parts.other += bytesInOutput;
}
const total = output.contents.byteLength;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ total, gzip: gzipSync(output.contents).byteLength, ...parts }, null, 2));
} else {
  console.log('records handler bundle (esbuild: ESM, minified, platform node, @aws-sdk/* external)');
  console.log(`  total                 ${kb(total)} (gzip ${kb(gzipSync(output.contents).byteLength)})`);
  console.log(
    `  lambdaport            ${kb(parts.lambdaport)}   target <= 15 KB: ${parts.lambdaport <= 15 * 1024 ? 'met' : 'NOT met'}`,
  );
  console.log(`  Powertools Logger     ${kb(parts.powertools)}`);
  console.log(`  zod                   ${kb(parts.zod)}`);
  console.log(`  the example's code    ${kb(parts.example)}`);
  console.log(`  other                 ${kb(parts.other)}  (module glue)`);
  console.log('  lambdaport files:');
  for (const [file, bytes] of lambdaportFiles.sort((a, b) => b[1] - a[1]))
    console.log(`    ${file.padEnd(34)} ${bytes} B`);
}
