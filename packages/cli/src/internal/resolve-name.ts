/**
 * Resolves what the user typed to a function name the Invoke API knows: a deployed name or ARN as is; a
 * friendly `service.function` or `function` through ListFunctions, checking the name's hash exactly.
 */
import { createHash } from 'node:crypto';
import { type LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { UsageError } from './payload.js';

/** `<stage>-<service>-<function>-<hash6>`, as @lambdaport/local names functions. */
function deployedName(stage: string, service: string, fn: string): string {
  const hash = createHash('sha256').update(`${stage}/${service}/${fn}`).digest('hex').slice(0, 6);
  return `${stage}-${service}-${fn}-${hash}`;
}

/** The friendly parts of a deployed name, if it is one of ours. */
export function parseDeployedName(name: string): { stage: string; service: string; fn: string } | undefined {
  const match = /^(.+)-[0-9a-f]{6}$/.exec(name);
  if (!match) return undefined;
  const parts = match[1]!.split('-');
  // stage, service and function may each hold "-": try every split and keep the one whose hash matches.
  for (let i = 1; i < parts.length - 1; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const stage = parts.slice(0, i).join('-');
      const service = parts.slice(i, j).join('-');
      const fn = parts.slice(j).join('-');
      if (deployedName(stage, service, fn) === name) return { stage, service, fn };
    }
  }
  return undefined;
}

/** True when the name is an ARN, a partial ARN, carries a qualifier, or already is a deployed name. */
function isDirect(name: string): boolean {
  return name.includes(':') || parseDeployedName(name) !== undefined;
}

/**
 * Resolves `name`. `service.function` and `function` are looked up with ListFunctions; ambiguity (the same
 * function in several stages or services) is an error listing the candidates, narrowed by `stage` when given.
 */
export async function resolveFunctionName(client: LambdaClient, name: string, stage?: string): Promise<string> {
  if (isDirect(name)) return name;
  const dot = name.indexOf('.');
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
        parts.fn === wantedFn &&
        (wantedService === undefined || parts.service === wantedService) &&
        (stage === undefined || parts.stage === stage)
      ) {
        candidates.push(fn.FunctionName);
      }
    }
    marker = page.NextMarker;
  } while (marker);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    throw new UsageError(
      `${name} is ambiguous: ${candidates.join(', ')}; give the deployed name, service.function or --stage`,
    );
  }
  const known = all.map((deployed) => {
    const parts = parseDeployedName(deployed);
    return parts === undefined ? deployed : `${parts.service}.${parts.fn} (${deployed})`;
  });
  throw new UsageError(
    `no function ${name} here${known.length > 0 ? `; known functions: ${known.join(', ')}` : ' (the runtime serves no functions)'}`,
  );
}
