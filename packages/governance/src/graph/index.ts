/**
 * `lambdaport graph`, the watch on the distributed monolith: the graph of services, functions and calls (declared
 * and observed), events published and subscribed to, its flags, and its drawings (Mermaid, DOT, SVG). See docs/design/governance.md.
 */
export {
  buildGraph,
  DEFAULT_GRAPH_LIMITS,
  type GraphOptions,
  type ObservedCallInput,
} from './build.js';
export { flagGraph } from './flags.js';
export { fetchObservedCalls, OBSERVED_CALLS_PATH, ObservedCallsError } from './observed.js';
export { renderGraphDot } from './render/dot.js';
export { renderGraphMermaid } from './render/mermaid.js';
export { renderGraphSvg } from './render/svg.js';
export {
  edgeDescription,
  edgeLabel,
  eventEdgeDescription,
  eventEdgeLabel,
  flagLines,
} from './render/words.js';
export type {
  EdgeKind,
  EventEdgeKind,
  FlagKind,
  GraphEdge,
  GraphEvent,
  GraphEventEdge,
  GraphFlag,
  GraphFunction,
  GraphLimits,
  GraphService,
  ObservedCounts,
  ServiceGraph,
} from './types.js';
