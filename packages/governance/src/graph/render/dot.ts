/**
 * The graph as Graphviz DOT: a cluster per service, a box per function, solid edges for synchronous calls, dashed for
 * events sent; flagged edges red and bold, undeclared ones red and dotted, unused ones grey. Flags as `//` comments.
 */
import type { ServiceGraph } from '../types.js';
import { edgeDescription, edgeLabel, flagLines } from './words.js';

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
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** A DOT quoted string. */
function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}
