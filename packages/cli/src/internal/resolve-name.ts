/**
 * Resolves what the user typed to a function name the Invoke API knows: a deployed name or ARN as is; a
 * friendly `service.function` or `function` through ListFunctions, checking the name's hash exactly. Names follow
 * `lambdaport/names`: a dotted name the grammar refuses is a usage error before anything is asked.
 */
import { type LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import {
  friendlyName,
  friendlyNameProblem,
  functionNameProblem,
  parseDeployedName,
  stageNameProblem,
} from 'lambdaport/names';
import { UsageError } from './payload.js';

/** True when the name is an ARN, a partial ARN, carries a qualifier, or already is a deployed name. */
function isDirect(name: string): boolean {
  return name.includes(':') || parseDeployedName(name) !== undefined;
}

/**
 * Resolves `name`. `service.function` and `function` are looked up with ListFunctions; ambiguity (the same
 * function in several stages or services) is an error listing the candidates, narrowed by `stage` when given.
 */
export async function resolveFunctionName(client: LambdaClient, name: string, stage?: string): Promise<string> {
  const stageProblem = stage === undefined ? undefined : stageNameProblem(stage);
  if (stageProblem !== undefined) throw new UsageError(`--stage: ${stageProblem}`);
  if (isDirect(name)) return name;
  const dot = name.indexOf('.');
  // Lambda function names hold no ".": a dotted name can only be a friendly name.
  const problem = dot === -1 ? undefined : friendlyNameProblem(name);
  if (problem !== undefined) throw new UsageError(problem);
  const wantedService = dot === -1 ? undefined : name.slice(0, dot);
  const wantedFn = dot === -1 ? name : name.slice(dot + 1);
  const candidates: string[] = [];
  const all: string[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new ListFunctionsCommand({ Marker: marker }));
    for (const fn of page.Functions ?? []) {
      if (fn.FunctionName === undefined) continue;
      all.push(fn.FunctionName);
      if (fn.FunctionName === name) return name;
      const parts = parseDeployedName(fn.FunctionName);
      if (
        parts !== undefined &&
        parts.major === undefined && // a friendly name means the current major's function
        parts.fn === wantedFn &&
        (wantedService === undefined || parts.service === wantedService) &&
        (stage === undefined || parts.stage === stage)
      ) {
        candidates.push(fn.FunctionName);
      }
    }
    marker = page.NextMarker;
  } while (marker);
  // Not a function of the runtime by its exact name: a bare name must then be a function name of ours.
  const fnProblem = dot === -1 ? functionNameProblem(name) : undefined;
  if (fnProblem !== undefined) throw new UsageError(fnProblem);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    throw new UsageError(
      `${name} is ambiguous: ${candidates.join(', ')}; give the deployed name, service.function or --stage`,
    );
  }
  const known = all.map((deployed) => {
    const parts = parseDeployedName(deployed);
    if (parts === undefined) return deployed;
    const major = parts.major === undefined ? '' : `@v${parts.major}`;
    return `${friendlyName(parts.service, parts.fn)}${major} (${deployed})`;
  });
  throw new UsageError(
    `no function ${name} here${known.length > 0 ? `; known functions: ${known.join(', ')}` : ' (the runtime serves no functions)'}`,
  );
}
