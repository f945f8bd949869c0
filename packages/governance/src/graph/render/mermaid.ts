/**
 * The graph as Mermaid (`flowchart LR`): a subgraph per service, a node per function and a hexagon per event it
 * publishes, `-->` for a synchronous call, `-.->` for an event sent, `==>` (purple) for an event published or
 * subscribed to; flagged edges red, undeclared ones red and dotted, unused ones grey. Flags as `%%` comments.
 */
import type { ServiceGraph } from '../types.js';
import { EVENT_COLOR } from './dot.js';
import { edgeLabel, eventEdgeLabel, flagLines } from './words.js';

/**
 * The Mermaid text of a graph.
 *
 * @example
 * process.stdout.write(renderGraphMermaid(graph));
 */
export function renderGraphMermaid(graph: ServiceGraph): string {
  const ids = new Map<string, string>();
  const eventIds = new Map<string, string>();
  const eventId = (label: string): string => {
    if (!eventIds.has(label)) eventIds.set(label, `e${eventIds.size}`);
    return eventIds.get(label)!;
  };
  const id = (service: string, fn: string): string => {
    const key = `${service}.${fn}`;
    if (!ids.has(key)) ids.set(key, `f${ids.size}`);
    return ids.get(key)!;
  };
  const lines: string[] = flagLines(graph).map((line) => `%% ${line}`);
  lines.push('flowchart LR');
  graph.services.forEach((service, i) => {
    lines.push(`  subgraph s${i}["${text(service.name)}${service.external ? ' (not given)' : ''}"]`);
    for (const fn of service.functions) {
      const majors = fn.majors.length === 0 ? '' : ` ${fn.majors.map((m) => `v${m}`).join(' ')}`;
      lines.push(`    ${id(fn.service, fn.function)}["${text(fn.function)}${majors}"]`);
    }
    for (const event of service.events) lines.push(`    ${eventId(event.label)}{{"${text(event.name)} (event)"}}`);
    lines.push('  end');
  });
  const flagged = new Set(graph.flags.flatMap((f) => f.edges));
  const unused = new Set(graph.unused);
  const styles: string[] = [];
  graph.edges.forEach((edge, i) => {
    const arrow = edge.kind === 'send' ? '-.->' : '-->';
    const from = id(edge.from.service, edge.from.function);
    const to = id(edge.to.service, edge.to.function);
    lines.push(`  ${from} ${arrow}|"${text(edgeLabel(edge))}"| ${to}`);
    if (edge.declared === undefined) styles.push(`  linkStyle ${i} stroke:#c00,stroke-width:3px,stroke-dasharray:2 3`);
    else if (flagged.has(edge.id)) styles.push(`  linkStyle ${i} stroke:#c00,stroke-width:3px`);
    else if (unused.has(edge.id)) styles.push(`  linkStyle ${i} stroke:#999,stroke-dasharray:4 4`);
  });
  graph.eventEdges.forEach((edge, j) => {
    const fn = id(edge.function.service, edge.function.function);
    const event = eventId(`${edge.event.service}.${edge.event.name}`);
    const [from, to] = edge.kind === 'publish' ? [fn, event] : [event, fn];
    lines.push(`  ${from} ==>|"${text(eventEdgeLabel(edge))}"| ${to}`);
    styles.push(`  linkStyle ${graph.edges.length + j} stroke:${EVENT_COLOR},stroke-width:2px`);
  });
  if (eventIds.size > 0) {
    styles.push(
      `  classDef event fill:#f3e8f9,stroke:${EVENT_COLOR}`,
      `  class ${[...eventIds.values()].join(',')} event`,
    );
  }
  lines.push(...styles);
  return `${lines.join('\n')}\n`;
}

/** Text safe inside a Mermaid quoted label. */
function text(value: string): string {
  return value.replaceAll('"', '#quot;');
}
