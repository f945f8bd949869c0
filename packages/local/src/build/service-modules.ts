/**
 * A service's bundles may live outside its dir (`startLocal` writes every service's builds under the first dir's
 * `.lambdaport/`). What a bundle leaves external (`@aws-sdk/*`) is then found through a link beside its builds,
 * `<builds>/node_modules`, to the service's own `node_modules` (the nearest one holding `@aws-sdk`, else the nearest
 * one): Node's lookup from the bundle walks up through it, for CommonJS and ES module bundles alike.
 */
import { existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Links `<builds>/node_modules` to the node_modules `serviceDir` resolves from, unless `builds` lies inside
 * `serviceDir` (ordinary lookup finds them) or there is none. Never throws: without the link, a bundle resolves
 * externals from where it lies, as before.
 *
 * @example
 * linkServiceModules('/srv/a/.lambdaport/build/orders', '/srv/orders'); // /srv/a/.lambdaport/build/orders/node_modules → /srv/orders/node_modules
 */
export function linkServiceModules(builds: string, serviceDir: string): void {
  const inside = path.relative(serviceDir, builds);
  if (!inside.startsWith('..') && !path.isAbsolute(inside)) return;
  const target = serviceModules(serviceDir);
  if (target === undefined) return;
  const link = path.join(builds, 'node_modules');
  try {
    if (existsLink(link)) {
      if (readlinkSync(link) === target) return;
      rmSync(link, { force: true });
    }
    mkdirSync(builds, { recursive: true });
    symlinkSync(target, link, 'junction');
  } catch {
    // a read-only or odd file system: externals resolve from the bundle's own place
  }
}

function existsLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The nearest `node_modules` above `dir` that holds `@aws-sdk`, else the nearest at all. */
function serviceModules(dir: string): string | undefined {
  let nearest: string | undefined;
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const candidate = path.join(at, 'node_modules');
    if (existsSync(candidate)) {
      nearest ??= candidate;
      if (existsSync(path.join(candidate, '@aws-sdk'))) return candidate;
    }
    if (path.dirname(at) === at) return nearest;
  }
}
