/** The tools measured: lambdaport and its peers, in the order they appear in reports. */
import { bare } from './bare.mjs';
import { lambdaport } from './lambdaport.mjs';
import { serverlessOffline } from './serverless-offline.mjs';

export const TOOLS = [lambdaport, serverlessOffline, bare];

/**
 * The tools that can run now, and the reasons of those that cannot.
 * @param {typeof TOOLS} [tools]
 */
export async function availableTools(tools = TOOLS) {
  /** @type {typeof TOOLS} */
  const ready = [];
  /** @type {Record<string, string>} */
  const skipped = {};
  for (const tool of tools) {
    const status = await tool.available();
    if (status.ok) ready.push(tool);
    else skipped[tool.id] = status.reason ?? 'unavailable';
  }
  return { ready, skipped };
}
