/**
 * The names a config makes in the stage it will run in (`--stage` when given): each deployed name within Lambda's 64
 * characters (older majors' too) and each table name within DynamoDB's 255.
 */

import { CONFIG_DEFAULTS } from 'lambdaport/config';
import {
  deployedNameProblem,
  functionNameProblem,
  majorVersionProblem,
  olderMajorDeployedNameProblem,
  serviceNameProblem,
  stageNameProblem,
  tableKeyProblem,
  tableNameProblem,
} from 'lambdaport/names';
import type { PendingIssue } from './issues.js';

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The stage a config runs in: the override, else its own (when valid), else the default. */
export function effectiveStage(raw: unknown, stageOverride: string | undefined): string | undefined {
  if (stageOverride !== undefined) return stageOverride;
  const own = isPlain(raw) ? raw.stage : undefined;
  if (own === undefined) return CONFIG_DEFAULTS.stage;
  return stageNameProblem(own) === undefined ? (own as string) : undefined;
}

/** Issues of names too long for Lambda or DynamoDB in the stage the config runs in (valid parts only). */
export function nameIssues(raw: unknown, stageOverride: string | undefined): PendingIssue[] {
  const issues: PendingIssue[] = [];
  const stage = effectiveStage(raw, stageOverride);
  if (!isPlain(raw) || stage === undefined || serviceNameProblem(raw.service) !== undefined) return issues;
  const service = raw.service as string;
  if (isPlain(raw.functions)) {
    for (const [name, fn] of Object.entries(raw.functions)) {
      if (functionNameProblem(name) !== undefined) continue;
      const problem = deployedNameProblem(stage, service, name);
      if (problem !== undefined) issues.push({ path: ['functions', name], message: problem });
      if (!isPlain(fn) || !isPlain(fn.versions)) continue;
      for (const key of Object.keys(fn.versions)) {
        const major = Number(key);
        if (!/^[1-9][0-9]*$/.test(key) || majorVersionProblem(major) !== undefined) continue;
        const older = olderMajorDeployedNameProblem(stage, service, name, major);
        if (older !== undefined && problem === undefined) {
          issues.push({ path: ['functions', name, 'versions', key], message: older });
        }
      }
    }
  }
  if (isPlain(raw.tables)) {
    for (const name of Object.keys(raw.tables)) {
      if (tableKeyProblem(name) !== undefined) continue;
      const problem = tableNameProblem(stage, service, name);
      if (problem !== undefined) issues.push({ path: ['tables', name], message: problem });
    }
  }
  return issues;
}
