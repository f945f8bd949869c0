/**
 * `buildGraph`: the graph of the services given, from their configs (functions, majors, `calls`, events published and
 * subscribed to), their contracts (idempotency) and, when given, the calls a running `lambdaport dev` observed; then
 * its flags (flags.ts).
 */
import type { LoadedService } from '@lambdaport/config';
import type { LoadedContract } from '../contracts/types.js';
import { eventEdgesOf } from './event-edges.js';
import { flagGraph } from './flags.js';
import type {
  GraphEdge,
  GraphEvent,
  GraphFunction,
  GraphLimits,
  GraphService,
  ObservedCounts,
  ServiceGraph,
} from './types.js';

/** One kind of call a runtime observed (the shape of `GET /_lambdaport/calls`'s entries). */
export interface ObservedCallInput {
  /** Deployed name of the calling function; undefined for a call from outside any function. */
  readonly caller?: string | undefined;
  /** Deployed name of the function called. */
  readonly function: string;
  readonly invocationType: 'RequestResponse' | 'Event';
  readonly count: number;
}

/** What the graph is built from besides the configs. */
export interface GraphOptions {
  /** The loaded contracts (for idempotency); without them, idempotency is unknown. */
  readonly contracts?: readonly LoadedContract[];
  /** Calls observed by a running runtime; without them, the graph is the declared one. */
  readonly observed?: readonly ObservedCallInput[];
  readonly limits?: Partial<GraphLimits>;
}

/** The default limits of the flags. */
export const DEFAULT_GRAPH_LIMITS: GraphLimits = { maxDepth: 3, maxFan: 5 };

/**
 * The graph of `services`.
 *
 * @example
 * const services = await loadServices(['examples/records', 'examples/orders']);
 * const { contracts } = await loadContracts(services);
 * const graph = buildGraph(services, { contracts });
 * graph.flags.length // 0
 */
export function buildGraph(services: readonly LoadedService[], options: GraphOptions = {}): ServiceGraph {
  const limits = { ...DEFAULT_GRAPH_LIMITS, ...options.limits };
  const idempotent = new Map<string, boolean>();
  for (const c of options.contracts ?? []) if (c.current) idempotent.set(c.label, c.idempotent);

  const nodes = new Map<
    string,
    { external: boolean; functions: Map<string, GraphFunction>; events: Map<string, GraphEvent> }
  >();
  const nodeOf = (service: string, external: boolean) => {
    let node = nodes.get(service);
    if (node === undefined) {
      node = { external, functions: new Map(), events: new Map() };
      nodes.set(service, node);
    }
    return node;
  };
  const addFunction = (service: string, fn: string, external: boolean, major?: number): void => {
    const node = nodeOf(service, external);
    const label = `${service}.${fn}`;
    const known = node.functions.get(label);
    const majors = new Set(known?.majors ?? []);
    if (major !== undefined) majors.add(major);
    node.functions.set(label, {
      service,
      function: fn,
      label,
      majors: [...majors].sort((a, b) => a - b),
      idempotent: idempotent.get(label),
    });
  };
  for (const service of services) {
    nodes.set(service.service, { external: false, functions: new Map(), events: new Map() });
    for (const fn of service.functions) addFunction(service.service, fn.name, false, fn.major);
  }
  const eventEdges = eventEdgesOf(services, (service, name) => {
    const node = nodeOf(service, true);
    const label = `${service}.${name}`;
    if (!node.events.has(label)) node.events.set(label, { service, name, label });
  });

  const edges = new Map<string, { edge: Omit<GraphEdge, 'kind' | 'observed'>; counts: ObservedCounts | undefined }>();
  const edgeId = (from: string, to: string, major: number | undefined) =>
    `${from}->${to}${major === undefined ? '' : `@v${major}`}`;
  for (const service of services) {
    for (const fn of service.functions) {
      for (const call of fn.calls) {
        if (!nodes.has(call.service)) addFunction(call.service, call.function, true, call.major);
        else if (!nodes.get(call.service)!.functions.has(call.friendlyName)) {
          addFunction(call.service, call.function, nodes.get(call.service)!.external, call.major);
        }
        const id = edgeId(`${service.service}.${fn.name}`, call.friendlyName, call.major);
        if (edges.has(id)) continue;
        edges.set(id, {
          edge: {
            id,
            from: { service: service.service, function: fn.name },
            to: { service: call.service, function: call.function, major: call.major },
            declared: call.entry,
          },
          counts: undefined,
        });
      }
    }
  }

  const byDeployedName = new Map(services.flatMap((s) => s.functions.map((fn) => [fn.deployedName, fn] as const)));
  const observing = options.observed !== undefined;
  for (const seen of options.observed ?? []) {
    const callee = byDeployedName.get(seen.function);
    const caller = seen.caller === undefined ? undefined : byDeployedName.get(seen.caller);
    // a call from outside the services given (the AWS CLI, a test, an unknown function) is no edge between them
    if (callee === undefined || caller === undefined) continue;
    const id = edgeId(`${caller.service}.${caller.name}`, `${callee.service}.${callee.name}`, callee.major);
    const entry = edges.get(id) ?? {
      edge: {
        id,
        from: { service: caller.service, function: caller.name },
        to: { service: callee.service, function: callee.name, major: callee.major },
        declared: undefined,
      },
      counts: undefined,
    };
    const counts = entry.counts ?? { requestResponse: 0, event: 0 };
    entry.counts = {
      requestResponse: counts.requestResponse + (seen.invocationType === 'RequestResponse' ? seen.count : 0),
      event: counts.event + (seen.invocationType === 'Event' ? seen.count : 0),
    };
    edges.set(id, entry);
  }

  const allEdges: GraphEdge[] = [...edges.values()].map(({ edge, counts }) => ({
    ...edge,
    kind: counts !== undefined && counts.event > 0 && counts.requestResponse === 0 ? 'send' : 'call',
    observed: observing ? (counts ?? { requestResponse: 0, event: 0 }) : undefined,
  }));
  const graphServices: GraphService[] = [...nodes.entries()].map(([name, node]) => ({
    name,
    external: node.external,
    functions: [...node.functions.values()],
    events: [...node.events.values()],
  }));
  const unused = observing
    ? allEdges
        .filter((e) => e.declared !== undefined && e.observed!.requestResponse + e.observed!.event === 0)
        .map((e) => e.id)
    : [];
  const partial = { services: graphServices, edges: allEdges, eventEdges, observed: observing, unused, limits };
  return { ...partial, flags: flagGraph(partial) };
}
