/**
 * `lambdaport check`, the breaking-change gate: lock files, the schema diff, the rules table, the comparison and its
 * report. See docs/compatibility.md and docs/design/governance.md.
 */
export { type Baseline, type BaselineSource, readBaselines } from './baselines.js';
export { type CheckResult, checkServices, type ServiceCheck } from './check-services.js';
export { type CallerEntry, type CompareOptions, compareLocks } from './compare-locks.js';
export { renderCompatibilityDoc } from './compatibility-doc.js';
export type { Difference } from './difference.js';
export { GitRefError, readLockAtRef } from './lock/git-lock.js';
export {
  LOCK_FILE_NAME,
  LOCKFILE_VERSION,
  type LockedMajor,
  lockFilePath,
  lockOf,
  type ServiceLock,
  serializeLock,
} from './lock/lock-file.js';
export { LockFileError, parseLock } from './lock/read-lock.js';
export { type CheckJson, checkJson, type ReportOptions, renderCheckText } from './report.js';
export {
  type Flow,
  RULES,
  type Rule,
  type RuleId,
  type RulePart,
  ruleById,
  schemaRule,
  type Verdict,
} from './rules.js';
export { diffSchemas } from './schema-diff/compare.js';
export type { JsonSchema, JsonSchemaObject, SchemaChange, SchemaChangeKind } from './schema-diff/types.js';
