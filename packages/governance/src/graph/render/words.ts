/**
 * What every drawing of a graph says the same way: an edge's label, its description, and the flags as lines.
 */
import type { GraphEdge, GraphEventEdge, ServiceGraph } from '../types.js';

/**
 * The short label of an edge: its kind, the major called, and what was observed (`call v1 ×12`).
 *
 * @example
 * edgeLabel(edge) // 'call v1 ×3'
 */
export function edgeLabel(edge: GraphEdge): string {
  const parts: string[] = [edge.kind];
  if (edge.to.major !== undefined) parts.push(`v${edge.to.major}`);
  if (edge.observed !== undefined) {
    const { requestResponse, event } = edge.observed;
    if (requestResponse + event === 0) parts.push('unused');
    else if (requestResponse > 0 && event > 0) parts.push(`×${requestResponse} sync, ×${event} event`);
    else parts.push(`×${requestResponse + event}`);
  }
  if (edge.declared === undefined) parts.push('undeclared');
  return parts.join(' ');
}

/**
 * An edge in words, for a drawing's tooltip.
 *
 * @example
 * edgeDescription(edge) // "orders.create calls records.get (major 1), declared as 'records.get@v1'; observed 3 times"
 */
export function edgeDescription(edge: GraphEdge): string {
  const from = `${edge.from.service}.${edge.from.function}`;
  const to = `${edge.to.service}.${edge.to.function}${edge.to.major === undefined ? '' : ` (major ${edge.to.major})`}`;
  const verb = edge.kind === 'send' ? 'sends events to' : 'calls';
  const declared = edge.declared === undefined ? 'not declared in calls' : `declared as '${edge.declared}'`;
  let observed = '';
  if (edge.observed !== undefined) {
    const { requestResponse, event } = edge.observed;
    observed =
      requestResponse + event === 0
        ? '; never observed'
        : `; observed ${requestResponse} synchronous and ${event} event invocation${requestResponse + event === 1 ? '' : 's'}`;
  }
  return `${from} ${verb} ${to}, ${declared}${observed}`;
}

/**
 * The short label of an event edge: `publishes`, `subscribes via queue`, `subscribes`.
 *
 * @example
 * eventEdgeLabel(edge) // 'subscribes via queue'
 */
export function eventEdgeLabel(edge: GraphEventEdge): string {
  if (edge.kind === 'publish') return 'publishes';
  return edge.queue === undefined ? 'subscribes' : 'subscribes via queue';
}

/**
 * An event edge in words, for a drawing's tooltip.
 *
 * @example
 * eventEdgeDescription(edge) // 'notifications.notify subscribes to orders.OrderCreated through the queue dev-notifications-notify, declared at functions.notify.subscribe[0]'
 */
export function eventEdgeDescription(edge: GraphEventEdge): string {
  const fn = `${edge.function.service}.${edge.function.function}`;
  const event = `${edge.event.service}.${edge.event.name}`;
  if (edge.kind === 'publish') return `${fn} publishes ${event}, declared at ${edge.declared}`;
  const via =
    edge.queue === undefined ? 'directly (an asynchronous invocation per event)' : `through the queue ${edge.queue}`;
  return `${fn} subscribes to ${event} ${via}, declared at ${edge.declared}`;
}

/**
 * The flags and notes of a graph as lines of text (what the drawings carry as comments, and the command prints).
 *
 * @example
 * flagLines(graph) // ['FLAG cycle: a → b → a', '  a cycle of synchronous calls ...']
 */
export function flagLines(graph: ServiceGraph): string[] {
  const lines: string[] = [];
  for (const flag of graph.flags) lines.push(`FLAG ${flag.kind}: ${flag.subject}`, `  ${flag.explanation}`);
  for (const id of graph.unused) {
    lines.push(`note: declared but not observed by the running lambdaport dev: ${id}`);
  }
  return lines;
}
