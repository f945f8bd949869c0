/**
 * Schemas of the names a config holds, following the one grammar of `lambdaport/names`: the same patterns and limits
 * (so the JSON Schema carries them) and the same words when a value is refused.
 */
import {
  friendlyCallProblem,
  friendlyNameProblem,
  functionNameProblem,
  NAME_RULES,
  serviceNameProblem,
  stageNameProblem,
  tableKeyProblem,
} from 'lambdaport/names';
import { z } from 'zod';
import { expected, problem } from './words.js';

/** A pattern's source without its anchors, to build a longer pattern from it. */
function inner(pattern: RegExp): string {
  return pattern.source.replace(/^\^/, '').replace(/\$$/, '');
}

const SERVICE = inner(NAME_RULES.service.pattern);
const FUNCTION = inner(NAME_RULES.function.pattern);

/** `<service>.<function>`, as a pattern (lengths are checked by the grammar's own checker). */
export const FRIENDLY_PATTERN = new RegExp(`^${SERVICE}\\.${FUNCTION}$`);
/** `<service>.<function>` or `<service>.<function>@v<N>`. */
export const CALL_PATTERN = new RegExp(`^${SERVICE}\\.${FUNCTION}(@v[1-9][0-9]*)?$`);
/** `path/file.ts#export` (the export may be a dotted path): a Node handler or a contract. */
export const EXPORT_REF_PATTERN = /^[^#]+#[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$/;
/** The path of a `provided` function's bootstrap: no `#`. */
export const BOOTSTRAP_PATTERN = /^[^#]+$/;

export const serviceName = z
  .string(problem(serviceNameProblem))
  .regex(NAME_RULES.service.pattern)
  .max(NAME_RULES.service.maxLength);

export const stageName = z
  .string(problem(stageNameProblem))
  .regex(NAME_RULES.stage.pattern)
  .max(NAME_RULES.stage.maxLength);

/** A key of `functions`. */
export const functionKey = z
  .string(problem(functionNameProblem))
  .regex(NAME_RULES.function.pattern)
  .max(NAME_RULES.function.maxLength);

/** A key of `tables` (and of a function's `tables`). */
export const tableKey = z.string(problem(tableKeyProblem)).regex(NAME_RULES.tableKey.pattern);

/** A `calls` entry. */
export const call = z
  .string(problem(friendlyCallProblem))
  .regex(CALL_PATTERN)
  .refine((value) => friendlyCallProblem(value) === undefined);

/** A `{ function: '<service>.<function>' }` reference. */
export const friendlyName = z
  .string(problem(friendlyNameProblem))
  .regex(FRIENDLY_PATTERN)
  .refine((value) => friendlyNameProblem(value) === undefined);

/** An AWS region. */
export const region = z.string(expected('an AWS region such as "us-east-1"')).regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/);
