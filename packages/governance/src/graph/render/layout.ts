/**
 * A small layered layout for the SVG: services in columns by the longest chain of calls and subscriptions leading to
 * them (edges that close a cycle ignored), stacked in each column; each service a box of function rows, then a row per
 * event it publishes. Sizes are estimated from the text (no font metrics: a fixed width per character, generous).
 */
import type { GraphService, ServiceGraph } from '../types.js';

/** Where a service's box is, and each of its function rows. */
export interface ServiceBox {
  readonly service: GraphService;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly column: number;
  /** Function label (and {@link eventRowKey} of an event's label) → the vertical centre of its row. */
  readonly rows: ReadonlyMap<string, number>;
}

/** The layout of a graph. */
export interface GraphLayout {
  readonly boxes: readonly ServiceBox[];
  readonly width: number;
  readonly height: number;
}

export const CHAR_WIDTH = 7.2;
export const HEADER = 28;
export const ROW = 24;
export const MARGIN = 24;
const COLUMN_GAP = 140;
const BOX_GAP = 36;
const MIN_WIDTH = 150;

/**
 * Lays out the services of a graph.
 *
 * @example
 * const { boxes, width, height } = layoutGraph(graph);
 */
export function layoutGraph(graph: ServiceGraph): GraphLayout {
  const names = graph.services.map((s) => s.name);
  const next = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  for (const e of graph.edges) if (e.from.service !== e.to.service) next.get(e.from.service)?.add(e.to.service);
  for (const e of graph.eventEdges) {
    if (e.kind === 'subscribe' && e.event.service !== e.function.service) {
      next.get(e.event.service)?.add(e.function.service);
    }
  }

  // edges that close a cycle (back edges of a depth-first walk) do not push a service to a later column
  const state = new Map<string, 'open' | 'done'>();
  const forward = new Map<string, string[]>(names.map((n) => [n, []]));
  const walk = (v: string): void => {
    state.set(v, 'open');
    for (const w of next.get(v) ?? []) {
      if (state.get(w) === 'open') continue;
      forward.get(v)!.push(w);
      if (!state.has(w)) walk(w);
    }
    state.set(v, 'done');
  };
  for (const n of names) if (!state.has(n)) walk(n);
  const column = new Map<string, number>(names.map((n) => [n, 0]));
  for (let round = 0; round < names.length; round++) {
    let moved = false;
    for (const [v, ws] of forward) {
      for (const w of ws) {
        if (column.get(w)! < column.get(v)! + 1) {
          column.set(w, column.get(v)! + 1);
          moved = true;
        }
      }
    }
    if (!moved) break;
  }

  const columnCount = Math.max(0, ...column.values()) + 1;
  const columns: GraphService[][] = Array.from({ length: columnCount }, () => []);
  for (const service of graph.services) columns[column.get(service.name)!]!.push(service);
  const boxes: ServiceBox[] = [];
  let x = MARGIN;
  let height = 0;
  columns.forEach((services, c) => {
    const width = Math.max(
      MIN_WIDTH,
      ...services.flatMap((s) => [
        textWidth(s.name + (s.external ? ' (not given)' : '')) + 24,
        ...s.functions.map((f) => textWidth(functionText(f.function, f.majors)) + 28),
        ...s.events.map((e) => textWidth(eventText(e.name)) + 28),
      ]),
    );
    let y = MARGIN;
    for (const service of services) {
      const count = service.functions.length + service.events.length;
      const boxHeight = HEADER + Math.max(1, count) * ROW + 8;
      const rows = new Map([
        ...service.functions.map((f, i) => [f.label, y + HEADER + i * ROW + ROW / 2] as const),
        ...service.events.map(
          (e, i) => [eventRowKey(e.label), y + HEADER + (service.functions.length + i) * ROW + ROW / 2] as const,
        ),
      ]);
      boxes.push({ service, x, y, width, height: boxHeight, column: c, rows });
      y += boxHeight + BOX_GAP;
    }
    height = Math.max(height, y - BOX_GAP + MARGIN);
    x += width + COLUMN_GAP;
  });
  return { boxes, width: Math.max(x - COLUMN_GAP + MARGIN, 320), height: Math.max(height, 80) };
}

/** The text of a function's row: its key and the majors it serves. */
export function functionText(fn: string, majors: readonly number[]): string {
  return majors.length === 0 ? fn : `${fn}  ${majors.map((m) => `v${m}`).join(' ')}`;
}

/** The text of an event's row. */
export function eventText(name: string): string {
  return `${name}  (event)`;
}

/** The key of an event's row in {@link ServiceBox.rows} (apart from functions' labels). */
export function eventRowKey(label: string): string {
  return `event:${label}`;
}

/** The estimated width of a text. */
export function textWidth(text: string): number {
  return Math.ceil(text.length * CHAR_WIDTH);
}
