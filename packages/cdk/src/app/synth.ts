/**
 * `synthServices`: service dirs → CloudFormation templates and assets on disk, offline (no AWS account needed).
 * The assembly is written to a fresh folder beside `outdir` and moved into place only when all of it succeeded, so a
 * config that cannot deploy leaves `outdir` as it was.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { prepareServices } from '../prepare/prepare.js';
import type { PreparedService } from '../prepare/types.js';
import { type BuildAppOptions, buildApp } from './app.js';
import { type StackSummary, summarize } from './summary.js';

/** Options of {@link synthServices}. */
export interface SynthOptions {
  /** Service dirs (default: the current folder). */
  readonly dirs: readonly string[];
  /** Overrides every config's `stage`. */
  readonly stage?: string | undefined;
  /** The cloud assembly folder. */
  readonly outdir: string;
  /** CDK's built-in template validation. Default true. */
  readonly validation?: boolean | undefined;
  /** Settings passed to every service's construct. */
  readonly service?: BuildAppOptions['service'];
}

/** What a synth wrote. */
export interface SynthResult {
  /** Absolute path of the cloud assembly. */
  readonly outdir: string;
  readonly stacks: readonly (StackSummary & { readonly templateFile: string })[];
  readonly services: readonly PreparedService[];
}

/**
 * Synthesizes one stack per service into `outdir` (`<outdir>/<stage>-<service>.template.json` and the assets).
 * Rejects with a ConfigError (file and key path of each problem) when a config cannot deploy; `outdir` is then
 * untouched.
 *
 * @example
 * const { stacks } = await synthServices({ dirs: ['examples/records', 'examples/orders'], outdir: 'cdk.out' });
 * stacks.map((s) => s.templateFile); // ['cdk.out/dev-records.template.json', 'cdk.out/dev-orders.template.json'] (absolute)
 */
export async function synthServices(options: SynthOptions): Promise<SynthResult> {
  const services = await prepareServices(options.dirs, { stage: options.stage });
  const outdir = path.resolve(options.outdir);
  mkdirSync(path.dirname(outdir), { recursive: true });
  const partial = mkdtempSync(`${outdir}.partial-`);
  try {
    buildApp(services, { outdir: partial, validation: options.validation, service: options.service }).synth();
    rmSync(outdir, { recursive: true, force: true });
    renameSync(partial, outdir);
  } finally {
    if (existsSync(partial)) rmSync(partial, { recursive: true, force: true });
  }
  return {
    outdir,
    services,
    stacks: services.map((prepared) => {
      const summary = summarize(prepared);
      return { ...summary, templateFile: path.join(outdir, `${summary.stackName}.template.json`) };
    }),
  };
}
