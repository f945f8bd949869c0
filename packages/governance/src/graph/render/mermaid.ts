/**
 * The graph as Mermaid (`flowchart LR`): a subgraph per service, a node per function, `-->` for a synchronous call,
 * `-.->` for an event sent; flagged edges red, undeclared ones red and dotted, unused ones grey. Flags as `%%` comments.
 */
import type { ServiceGraph } from '../types.js';
import { edgeLabel, flagLines } from './words.js';

/**
 * The Mermaid text of a graph.
 *
 * @example
 * process.stdout.write(renderGraphMermaid(graph));
 */
export function renderGraphMermaid(graph: ServiceGraph): string {
  const ids = new Map<string, string>();
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
  lines.push(...styles);
  return `${lines.join('\n')}\n`;
}

/** Text safe inside a Mermaid quoted label. */
function text(value: string): string {
  return value.replaceAll('"', '#quot;');
}
