/**
 * The graph as Graphviz DOT: a cluster per service, a box per function, a purple hexagon per event it publishes; solid
 * edges for synchronous calls, dashed for events sent; flagged edges red and bold, undeclared ones red and dotted,
 * unused ones grey; event edges (publishes, subscribes) purple and bold with open arrowheads. Flags as `//` comments.
 */
import type { ServiceGraph } from '../types.js';
import { edgeDescription, edgeLabel, eventEdgeDescription, eventEdgeLabel, flagLines } from './words.js';

/** The colour of events and their edges (every drawing uses it). */
export const EVENT_COLOR = '#7a3e9d';

/**
 * The DOT text of a graph.
 *
 * @example
 * writeFileSync('graph.dot', renderGraphDot(graph)); // dot -Tpng graph.dot
 */
export function renderGraphDot(graph: ServiceGraph): string {
  const lines: string[] = flagLines(graph).map((line) => `// ${line}`);
  lines.push('digraph lambdaport {', '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="Helvetica"];');
  lines.push('  edge [fontname="Helvetica", fontsize=10];');
  graph.services.forEach((service, i) => {
    lines.push(`  subgraph cluster_${i} {`);
    lines.push(`    label=${quote(service.name + (service.external ? ' (not given)' : ''))};`);
    if (service.external) lines.push('    style=dashed;');
    for (const fn of service.functions) {
      const majors = fn.majors.map((m) => `v${m}`).join(' ');
      lines.push(`    ${quote(fn.label)} [label=${quote(majors === '' ? fn.function : `${fn.function}\n${majors}`)}];`);
    }
    for (const event of service.events) {
      lines.push(
        `    ${quote(eventNode(event.label))} [label=${quote(`${event.name}\nevent`)}, shape=hexagon, style=filled, fillcolor="#f3e8f9", color="${EVENT_COLOR}", tooltip=${quote(`event ${event.label}`)}];`,
      );
    }
    lines.push('  }');
  });
  const flagged = new Set(graph.flags.flatMap((f) => f.edges));
  const unused = new Set(graph.unused);
  for (const edge of graph.edges) {
    const attributes = [`label=${quote(edgeLabel(edge))}`, `tooltip=${quote(edgeDescription(edge))}`];
    attributes.push(`style=${edge.declared === undefined ? 'dotted' : edge.kind === 'send' ? 'dashed' : 'solid'}`);
    if (edge.declared === undefined || flagged.has(edge.id)) attributes.push('color="#cc0000"', 'penwidth=2.5');
    else if (unused.has(edge.id)) attributes.push('color="#999999"');
    const from = `${edge.from.service}.${edge.from.function}`;
    const to = `${edge.to.service}.${edge.to.function}`;
    lines.push(`  ${quote(from)} -> ${quote(to)} [${attributes.join(', ')}];`);
  }
  for (const edge of graph.eventEdges) {
    const fn = `${edge.function.service}.${edge.function.function}`;
    const event = eventNode(`${edge.event.service}.${edge.event.name}`);
    const [from, to] = edge.kind === 'publish' ? [fn, event] : [event, fn];
    const attributes = [
      `label=${quote(eventEdgeLabel(edge))}`,
      `tooltip=${quote(eventEdgeDescription(edge))}`,
      'style=bold',
      `color="${EVENT_COLOR}"`,
      `fontcolor="${EVENT_COLOR}"`,
      'arrowhead=empty',
    ];
    lines.push(`  ${quote(from)} -> ${quote(to)} [${attributes.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The node id of an event (apart from functions': `event:orders.OrderCreated`). */
function eventNode(label: string): string {
  return `event:${label}`;
}

/** A DOT quoted string. */
function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}
