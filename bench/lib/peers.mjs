/**
 * The peers the bench compares against, installed on demand into bench/peers/ (gitignored, never in the root install
 * or its lock file) with `npm install --prefix bench/peers`. Versions are pinned so runs are comparable.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PEERS_DIR } from './paths.mjs';

/** Pinned peer packages. */
export const PEER_PACKAGES = {
  serverless: '3.40.0',
  'serverless-offline': '13.10.1',
  '@middy/core': '6.4.5',
  '@aws-lambda-powertools/parser': '2.35.0',
};

/** @param {string} name */
function installedVersion(name) {
  const file = `${PEERS_DIR}/node_modules/${name}/package.json`;
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

/** Installs the pinned peers unless they are there already; returns their versions. */
export function ensurePeers() {
  const missing = Object.entries(PEER_PACKAGES).filter(([name, version]) => installedVersion(name) !== version);
  if (missing.length > 0) {
    mkdirSync(PEERS_DIR, { recursive: true });
    const manifest = `${PEERS_DIR}/package.json`;
    if (!existsSync(manifest)) {
      writeFileSync(manifest, '{ "name": "lambdaport-bench-peers", "private": true, "type": "commonjs" }\n');
    }
    const specs = Object.entries(PEER_PACKAGES).map(([name, version]) => `${name}@${version}`);
    console.error(`bench: installing peers into bench/peers: ${specs.join(' ')}`);
    // Install scripts stay off (npm 11 blocks them unless allowed): none of these peers needs one to run.
    execFileSync(
      'npm',
      ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--save-exact', '--ignore-scripts', ...specs],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
  }
  return Object.fromEntries(Object.keys(PEER_PACKAGES).map((name) => [name, installedVersion(name)]));
}

/** A require() that resolves from bench/peers. */
export const peerRequire = createRequire(`${PEERS_DIR}/package.json`);

/** Absolute path of the serverless CLI entry point. */
export function serverlessBin() {
  return `${PEERS_DIR}/node_modules/serverless/bin/serverless.js`;
}
