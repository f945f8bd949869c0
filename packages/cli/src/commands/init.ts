/**
 * `lambdaport init [DIR] [--service NAME]`: writes a new service from the templates in `templates/service/` (shipped
 * in the package): a contract, its logic, the handlers, the config, a unit test of the logic, an end-to-end test
 * against the local runtime, package.json (scripts `dev`, `test`, `typecheck`, `synth`), tsconfig.json, .gitignore
 * and a README. It never overwrites anything: a DIR that is a file or a folder with anything in it is refused.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceNameProblem } from 'lambdaport/names';
import pc from 'picocolors';
import type { Output } from './invoke.js';

/** The service templates, in the package (`packages/cli/templates/service`). */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/service/', import.meta.url));

/** Template files stored under another name: npm never packs a file named `.gitignore`. */
const RENAMED: Readonly<Record<string, string>> = { gitignore: '.gitignore' };

/** Options of the init command. */
export interface InitOptions {
  /** The service name; default the folder's name. */
  readonly service?: string | undefined;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Writes a new service into `dir` (created when missing); resolves with the exit code: 0 written, 1 refused (the
 * reason on stderr, nothing written).
 *
 * @example
 * process.exitCode = await initCommand('hello', { service: 'hello' });
 */
export async function initCommand(
  dir: string | undefined,
  options: InitOptions,
  output: Output = processOutput,
): Promise<number> {
  const target = path.resolve(dir ?? '.');
  const shown = dir ?? '.';
  const refuse = (message: string): number => {
    output.err(`${pc.red('error')} ${message}\n`);
    return 1;
  };
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) return refuse(`${shown} is a file; give a new or empty folder`);
    const entries = readdirSync(target);
    if (entries.length > 0) {
      const listed = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ', ...' : '');
      return refuse(`${shown} is not empty (${listed}); init writes only into a new or empty folder`);
    }
  }
  const service = options.service ?? path.basename(target);
  const problem = serviceNameProblem(service);
  if (problem !== undefined) {
    const hint = options.service === undefined ? ` (the folder's name; choose one with --service NAME)` : '';
    return refuse(`service name: ${problem}${hint}`);
  }

  const files = templateFiles(TEMPLATE_DIR);
  const values: Readonly<Record<string, string>> = { __SERVICE__: service, __LAMBDAPORT_VERSION__: ownVersion() };
  mkdirSync(target, { recursive: true });
  for (const file of files) {
    const text = readFileSync(path.join(TEMPLATE_DIR, file), 'utf8').replace(
      /__SERVICE__|__LAMBDAPORT_VERSION__/g,
      (key) => values[key]!,
    );
    const name = path.join(path.dirname(file), RENAMED[path.basename(file)] ?? path.basename(file));
    mkdirSync(path.dirname(path.join(target, name)), { recursive: true });
    writeFileSync(path.join(target, name), text, { flag: 'wx' });
  }

  const relative = path.relative(process.cwd(), target);
  const cd = relative.startsWith('..') || path.isAbsolute(relative) ? target : relative;
  output.out(
    `Created the ${pc.bold(service)} service in ${cd === '' ? 'this folder' : cd}:\n` +
      `${files
        .map((file) => `  ${path.join(path.dirname(file), RENAMED[path.basename(file)] ?? path.basename(file))}`)
        .sort()
        .join('\n')}\n\nNext:\n` +
      (cd === '' ? '' : `  cd ${cd}\n`) +
      '  npm install\n' +
      '  npm test       # the unit test of the logic, then the service end to end\n' +
      '  npm run dev    # lambdaport dev: serves it on http://127.0.0.1:3000\n',
  );
  return 0;
}

/** The template's files, relative to its folder (posix-style names kept as the file system gives them). */
function templateFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateFiles(dir, path.join(prefix, entry.name)) : [path.join(prefix, entry.name)],
  );
}

/** This package's version: the scaffold depends on the same version of every lambdaport package. */
function ownVersion(): string {
  const manifest = fileURLToPath(new URL('../../package.json', import.meta.url));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
