/**
 * The graph as a standalone SVG (no external tool): services as boxes of function rows and event rows, laid out in
 * columns (layout.ts); synchronous calls as solid arrows, events sent as dashed ones, undeclared calls red and dotted,
 * unused ones grey, flagged ones red and thick; events published and subscribed to as purple dash-dotted arrows through
 * the event's row; a legend and the flags under the drawing. Every box, row and edge has a `<title>` (a tooltip in a
 * browser). It embeds in HTML as it is, and opens in a browser from a file.
 */
import type { GraphEdge, GraphEvent, GraphEventEdge, ServiceGraph } from '../types.js';
import { EVENT_COLOR } from './dot.js';
import { eventRowKey, eventText, functionText, HEADER, layoutGraph, MARGIN, ROW, type ServiceBox } from './layout.js';
import { edgeDescription, edgeLabel, eventEdgeDescription, eventEdgeLabel } from './words.js';

const COLORS = {
  call: '#333333',
  send: '#1f7a4d',
  event: EVENT_COLOR,
  flagged: '#cc0000',
  unused: '#9a9a9a',
} as const;
/** The dashes of an event edge (dash-dot: apart from calls, sends and undeclared calls). */
const EVENT_DASH = '9 3 2 3';
const FONT = 'font-family="Helvetica, Arial, sans-serif"';

/**
 * The SVG text of a graph.
 *
 * @example
 * writeFileSync('graph.svg', renderGraphSvg(buildGraph(services, { contracts })));
 */
export function renderGraphSvg(graph: ServiceGraph): string {
  const layout = layoutGraph(graph);
  const flagged = new Set(graph.flags.flatMap((f) => f.edges));
  const unused = new Set(graph.unused);
  const boxOf = new Map(layout.boxes.map((b) => [b.service.name, b]));
  const out: string[] = [];

  for (const box of layout.boxes) out.push(...serviceBox(box));
  // edges that cannot go straight to the next column run in lanes under the boxes, one lane each
  let lanes = 0;
  graph.edges.forEach((edge, i) => {
    const flags = graph.flags.filter((f) => f.edges.includes(edge.id));
    const from = boxOf.get(edge.from.service);
    const to = boxOf.get(edge.to.service);
    if (from === undefined || to === undefined) return;
    const lane = needsLane(from, to) ? layout.height - MARGIN + 16 + LANE_GAP * lanes++ : undefined;
    const ends = {
      y1: from.rows.get(`${edge.from.service}.${edge.from.function}`) ?? from.y + HEADER / 2,
      y2: to.rows.get(`${edge.to.service}.${edge.to.function}`) ?? to.y + HEADER / 2,
    };
    out.push(
      ...edgePath(
        from,
        to,
        ends,
        i,
        lane,
        callStroke(edge, { flagged: flagged.has(edge.id), unused: unused.has(edge.id), flags }),
      ),
    );
  });
  graph.eventEdges.forEach((edge, j) => {
    const fnBox = boxOf.get(edge.function.service);
    const eventBox = boxOf.get(edge.event.service);
    if (fnBox === undefined || eventBox === undefined) return;
    const [from, to] = edge.kind === 'publish' ? [fnBox, eventBox] : [eventBox, fnBox];
    const fnY = fnBox.rows.get(`${edge.function.service}.${edge.function.function}`) ?? fnBox.y + HEADER / 2;
    const eventY =
      eventBox.rows.get(eventRowKey(`${edge.event.service}.${edge.event.name}`)) ?? eventBox.y + HEADER / 2;
    const ends = edge.kind === 'publish' ? { y1: fnY, y2: eventY } : { y1: eventY, y2: fnY };
    const lane = needsLane(from, to) ? layout.height - MARGIN + 16 + LANE_GAP * lanes++ : undefined;
    out.push(...edgePath(from, to, ends, graph.edges.length + j, lane, eventStroke(edge)));
  });

  const notes = legendAndFlags(graph, layout.height + LANE_GAP * lanes);
  const height = notes.bottom + MARGIN;
  const events = graph.services.reduce((n, service) => n + service.events.length, 0);
  const eventWords = events === 0 ? '' : `, ${events} event${events === 1 ? '' : 's'}`;
  const title = `Call graph: ${graph.services.length} service${graph.services.length === 1 ? '' : 's'}, ${graph.edges.length} call${graph.edges.length === 1 ? '' : 's'}${eventWords}, ${graph.flags.length} flag${graph.flags.length === 1 ? '' : 's'}`;
  const width = Math.max(layout.width, notes.width);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="graph-title" ${FONT} font-size="13">`,
    `<title id="graph-title">${escapeXml(title)}</title>`,
    '<defs>',
    ...Object.entries(COLORS).map(
      ([name, color]) =>
        `<marker id="arrow-${name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`,
    ),
    '</defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...out,
    ...notes.lines,
    '</svg>',
    '',
  ].join('\n');
}

function serviceBox(box: ServiceBox): string[] {
  const { service } = box;
  const dash = service.external ? ' stroke-dasharray="5 4"' : '';
  const name = service.name + (service.external ? ' (not given)' : '');
  const lines = [
    `<g class="service" data-service="${escapeXml(service.name)}">`,
    `<title>${escapeXml(`service ${service.name}${service.external ? ' (not among the services given)' : ''}: ${service.functions.length} function${service.functions.length === 1 ? '' : 's'}`)}</title>`,
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="8" fill="#f4f6fb" stroke="#4a5a80"${dash}/>`,
    `<text x="${box.x + 12}" y="${box.y + 19}" font-weight="bold" fill="#1d2b4f">${escapeXml(name)}</text>`,
  ];
  service.functions.forEach((fn, i) => {
    const y = box.y + HEADER + i * ROW;
    const idempotency =
      fn.idempotent === undefined
        ? 'idempotency unknown'
        : fn.idempotent
          ? 'idempotent'
          : 'not idempotent (a mutation)';
    lines.push(
      `<g class="function" data-function="${escapeXml(fn.label)}">`,
      `<title>${escapeXml(`${fn.label}: majors ${fn.majors.map((m) => `v${m}`).join(', ') || 'unknown'}; ${idempotency}`)}</title>`,
      `<rect x="${box.x + 6}" y="${y}" width="${box.width - 12}" height="${ROW - 4}" rx="4" fill="#ffffff" stroke="#c5cce0"/>`,
      `<text x="${box.x + 14}" y="${y + 15}" fill="#222222">${escapeXml(functionText(fn.function, fn.majors))}${fn.idempotent === false ? ' ✱' : ''}</text>`,
      '</g>',
    );
  });
  service.events.forEach((event, i) => {
    lines.push(...eventRow(box, event, service.functions.length + i));
  });
  lines.push('</g>');
  return lines;
}

function eventRow(box: ServiceBox, event: GraphEvent, index: number): string[] {
  const y = box.y + HEADER + index * ROW;
  return [
    `<g class="event" data-event="${escapeXml(event.label)}">`,
    `<title>${escapeXml(`event ${event.label}: source ${event.service}, detail type ${event.name}`)}</title>`,
    `<rect x="${box.x + 6}" y="${y}" width="${box.width - 12}" height="${ROW - 4}" rx="10" fill="#f3e8f9" stroke="${EVENT_COLOR}"/>`,
    `<text x="${box.x + 14}" y="${y + 15}" fill="${EVENT_COLOR}">${escapeXml(eventText(event.name))}</text>`,
    '</g>',
  ];
}

/** Space between two lanes under the boxes. */
const LANE_GAP = 18;

/** An edge that does not go to the next column (back, or over a column) runs in a lane under the boxes. */
function needsLane(from: ServiceBox, to: ServiceBox): boolean {
  return from.column !== to.column && to.column !== from.column + 1;
}

/** How an edge is drawn: its class, id, tooltip, label, colour, width and dashes. */
interface Stroke {
  readonly className: string;
  readonly id: string;
  readonly title: string;
  readonly label: string;
  readonly color: keyof typeof COLORS;
  readonly width: number;
  readonly dash: string;
}

function callStroke(
  edge: GraphEdge,
  state: { flagged: boolean; unused: boolean; flags: readonly { kind: string }[] },
): Stroke {
  const undeclared = edge.declared === undefined;
  const flagWords = state.flags.length === 0 ? '' : `; flagged: ${state.flags.map((f) => f.kind).join(', ')}`;
  return {
    className: `edge edge-${edge.kind}${undeclared ? ' undeclared' : ''}${state.flagged ? ' flagged' : ''}${state.unused ? ' unused' : ''}`,
    id: edge.id,
    title: edgeDescription(edge) + flagWords,
    label: edgeLabel(edge),
    color: undeclared || state.flagged ? 'flagged' : state.unused ? 'unused' : edge.kind,
    width: undeclared || state.flagged ? 3 : 1.6,
    dash: undeclared ? '2 4' : edge.kind === 'send' ? '7 5' : state.unused ? '4 4' : '',
  };
}

function eventStroke(edge: GraphEventEdge): Stroke {
  return {
    className: `edge edge-event edge-${edge.kind}`,
    id: edge.id,
    title: eventEdgeDescription(edge),
    label: eventEdgeLabel(edge),
    color: 'event',
    width: 2,
    dash: EVENT_DASH,
  };
}

function edgePath(
  from: ServiceBox,
  to: ServiceBox,
  { y1, y2 }: { y1: number; y2: number },
  index: number,
  lane: number | undefined,
  stroke: Stroke,
): string[] {
  let d: string;
  let labelX: number;
  let labelY: number;
  let anchor = 'middle';
  if (lane !== undefined) {
    // out of the caller's side facing the lane's direction, along the lane, into the callee's side
    const forward = to.column > from.column;
    const x1 = forward ? from.x + from.width : from.x;
    const x2 = forward ? to.x : to.x + to.width;
    const out = forward ? 1 : -1;
    d = `M${x1},${y1} C${x1 + 30 * out},${y1} ${x1 + 30 * out},${lane} ${x1 + 50 * out},${lane} L${x2 - 50 * out},${lane} C${x2 - 30 * out},${lane} ${x2 - 30 * out},${y2} ${x2},${y2}`;
    labelX = (x1 + x2) / 2;
    labelY = lane - 4;
  } else if (to.column > from.column) {
    // to the next column: right side of the caller's row to the left side of the callee's row
    const x1 = from.x + from.width;
    const x2 = to.x;
    const bend = (x2 - x1) / 2;
    d = `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
    labelX = (x1 + x2) / 2;
    // above a level edge; beside a slanted one, on the side it leaves free
    labelY = (y1 + y2) / 2 + (y2 > y1 ? 14 : y2 < y1 ? -10 : -4);
  } else {
    // within a column or within a service: out of the right side and back into the callee's right side
    const x1 = from.x + from.width;
    const x2 = to.x + to.width;
    const reach = 40 + (index % 4) * 14;
    const out = Math.max(x1, x2) + reach;
    d = `M${x1},${y1} C${out},${y1} ${out},${y2} ${x2},${y2}`;
    labelX = Math.max(x1, x2) + reach * 0.75 + 6;
    labelY = (y1 + y2) / 2 + 4;
    anchor = 'start';
  }
  const dash = stroke.dash === '' ? '' : ` stroke-dasharray="${stroke.dash}"`;
  return [
    `<g class="${stroke.className}" data-edge="${escapeXml(stroke.id)}">`,
    `<title>${escapeXml(stroke.title)}</title>`,
    `<path d="${d}" fill="none" stroke="${COLORS[stroke.color]}" stroke-width="${stroke.width}"${dash} marker-end="url(#arrow-${stroke.color})"/>`,
    `<text x="${labelX}" y="${labelY}" font-size="11" fill="${COLORS[stroke.color]}" text-anchor="${anchor}">${escapeXml(stroke.label)}</text>`,
    '</g>',
  ];
}

/** The legend, then the flags with their explanations, below the drawing. */
function legendAndFlags(graph: ServiceGraph, top: number): { lines: string[]; bottom: number; width: number } {
  const lines: string[] = [];
  let y = top + 8;
  const legend: [keyof typeof COLORS, string, string][] = [
    ['call', '', 'synchronous call'],
    ['send', '7 5', 'event sent (asynchronous)'],
    ['flagged', '', 'flagged / undeclared (dotted)'],
  ];
  if (graph.eventEdges.length > 0) legend.push(['event', EVENT_DASH, 'event published / subscribed to']);
  if (graph.observed) legend.push(['unused', '4 4', 'declared, not observed']);
  let x = MARGIN;
  lines.push('<g class="legend">', '<title>Legend</title>');
  for (const [color, dash, words] of legend) {
    lines.push(
      `<line x1="${x}" y1="${y}" x2="${x + 34}" y2="${y}" stroke="${COLORS[color]}" stroke-width="2"${dash === '' ? '' : ` stroke-dasharray="${dash}"`} marker-end="url(#arrow-${color})"/>`,
      `<text x="${x + 42}" y="${y + 4}" font-size="11" fill="#333333">${escapeXml(words)}</text>`,
    );
    x += 42 + words.length * 6.2 + 24;
  }
  lines.push(`<text x="${x}" y="${y + 4}" font-size="11" fill="#333333">✱ not idempotent</text>`, '</g>');
  let width = x + 120;
  y += 28;
  if (graph.flags.length > 0) {
    lines.push('<g class="flags">', `<title>${graph.flags.length} flag${graph.flags.length === 1 ? '' : 's'}</title>`);
    graph.flags.forEach((flag, i) => {
      const head = `${i + 1}. ${flag.kind}: ${flag.subject}`;
      lines.push(`<text x="${MARGIN}" y="${y}" font-weight="bold" fill="${COLORS.flagged}">${escapeXml(head)}</text>`);
      width = Math.max(width, MARGIN * 2 + head.length * 7.4);
      y += 17;
      for (const line of wrap(flag.explanation, 110)) {
        lines.push(`<text x="${MARGIN + 14}" y="${y}" font-size="12" fill="#333333">${escapeXml(line)}</text>`);
        width = Math.max(width, MARGIN * 2 + 14 + line.length * 6.6);
        y += 15;
      }
      y += 6;
    });
    lines.push('</g>');
  }
  return { lines, bottom: y, width: Math.ceil(width) };
}

function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > columns) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Text and attribute values escaped for XML. */
function escapeXml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
