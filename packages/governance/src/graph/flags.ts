/**
 * The flags of a graph, each explained: the signs of a distributed monolith the article warns of, found in the
 * synchronous calls (`call` edges): a cycle between services, a chain deeper than `maxDepth` hops, a service with more
 * than `maxFan` synchronous callers or callees, a non-idempotent function called synchronously from another service;
 * and a call observed but not declared (denied in the cloud, where the policy allows only the declared calls).
 */
import type { GraphEdge, GraphFlag, ServiceGraph } from './types.js';

/**
 * Every flag of `graph` (its `flags` left out), in a stable order: cycles, chains, fan-in, fan-out, mutations,
 * undeclared calls.
 *
 * @example
 * flagGraph({ services, edges, observed: false, unused: [], limits: { maxDepth: 3, maxFan: 5 } })
 */
export function flagGraph(graph: Omit<ServiceGraph, 'flags'>): GraphFlag[] {
  const sync = graph.edges.filter((e) => e.kind === 'call');
  const crossService = sync.filter((e) => e.from.service !== e.to.service);
  return [
    ...cycles(crossService),
    ...deepChains(sync, graph.limits.maxDepth),
    ...fans(crossService, graph.limits.maxFan),
    ...syncMutations(crossService, graph),
    ...undeclared(graph.edges),
  ];
}

const label = (end: { service: string; function: string }) => `${end.service}.${end.function}`;

/** Strongly connected groups of services (Tarjan), each with more than one service. */
function cycles(edges: readonly GraphEdge[]): GraphFlag[] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!next.has(e.from.service)) next.set(e.from.service, new Set());
    next.get(e.from.service)!.add(e.to.service);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group);
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);

  return groups.map((group) => {
    const members = new Set(group);
    const start = [...group].sort()[0]!;
    const loop = loopThrough(start, members, next);
    return {
      kind: 'cycle',
      subject: [...loop, start].join(' → '),
      explanation:
        'a cycle of synchronous calls between services: a distributed monolith. None of them can be deployed, ' +
        'scaled or fail on its own, and a call can come back to a service that is waiting for it. Break the cycle: ' +
        'make one direction asynchronous (send() an event), or move the shared logic into one service.',
      edges: edges.filter((e) => members.has(e.from.service) && members.has(e.to.service)).map((e) => e.id),
      services: [...group].sort(),
    };
  });
}

/** A path from `start` back to it inside `members` (the services in order, `start` first). */
function loopThrough(start: string, members: ReadonlySet<string>, next: ReadonlyMap<string, Set<string>>): string[] {
  const path: string[] = [start];
  const seen = new Set([start]);
  const walk = (v: string): boolean => {
    for (const w of [...(next.get(v) ?? [])].sort()) {
      if (w === start) return true;
      if (!members.has(w) || seen.has(w)) continue;
      seen.add(w);
      path.push(w);
      if (walk(w)) return true;
      path.pop();
    }
    return false;
  };
  walk(start);
  return path;
}

/** Simple paths of synchronous calls longer than `maxDepth` hops, none a part of another. */
function deepChains(edges: readonly GraphEdge[], maxDepth: number): GraphFlag[] {
  const next = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    const from = label(e.from);
    if (!next.has(from)) next.set(from, []);
    next.get(from)!.push(e);
  }
  const longest = (start: string): GraphEdge[] => {
    let best: GraphEdge[] = [];
    const seen = new Set([start]);
    const path: GraphEdge[] = [];
    const walk = (v: string): void => {
      if (path.length > best.length) best = [...path];
      for (const e of next.get(v) ?? []) {
        const to = label(e.to);
        if (seen.has(to)) continue;
        seen.add(to);
        path.push(e);
        walk(to);
        path.pop();
        seen.delete(to);
      }
    };
    walk(start);
    return best;
  };
  const found = [...next.keys()]
    .sort()
    .map(longest)
    .filter((path) => path.length > maxDepth);
  // one flag per chain: drop a chain that is a part of a longer one, and repeats
  const keys = found.map((path) => ` ${path.map((e) => e.id).join(' ')} `);
  const unique = found.filter((_, i) =>
    keys.every((other, j) => (other === keys[i] ? j >= i : !other.includes(keys[i]!))),
  );
  return unique.map((path) => ({
    kind: 'deep-chain',
    subject: [label(path[0]!.from), ...path.map((e) => label(e.to))].join(' → '),
    explanation:
      `a chain of ${path.length} synchronous calls (more than ${maxDepth}): latency adds up at every hop and the ` +
      'chance of failure multiplies, while the first caller waits for all of them. Shorten it: answer from data the ' +
      'service owns, or hand the later steps over asynchronously.',
    edges: path.map((e) => e.id),
    services: [...new Set([path[0]!.from.service, ...path.map((e) => e.to.service)])],
  }));
}

/** Services with more than `maxFan` distinct services calling them, or called by them, synchronously. */
function fans(edges: readonly GraphEdge[], maxFan: number): GraphFlag[] {
  const flags: GraphFlag[] = [];
  for (const [kind, own, other] of [
    ['fan-in', 'to', 'from'],
    ['fan-out', 'from', 'to'],
  ] as const) {
    const groups = new Map<string, Set<string>>();
    for (const e of edges) {
      if (!groups.has(e[own].service)) groups.set(e[own].service, new Set());
      groups.get(e[own].service)!.add(e[other].service);
    }
    for (const [service, others] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      if (others.size <= maxFan) continue;
      const list = [...others].sort().join(', ');
      flags.push({
        kind,
        subject:
          kind === 'fan-in'
            ? `${service} is called synchronously by ${others.size} services (${list})`
            : `${service} calls ${others.size} services synchronously (${list})`,
        explanation:
          kind === 'fan-in'
            ? `more than ${maxFan} services wait on ${service}: its latency and its failures become theirs, and ` +
              'every change of its contract concerns all of them. Publish what they need as events, or split it.'
            : `${service} waits on more than ${maxFan} services: any of them failing or slow fails or slows it. ` +
              'Keep the data it needs itself (from events), or move the orchestration out.',
        edges: edges.filter((e) => e[own].service === service).map((e) => e.id),
        services: [service, ...[...others].sort()],
      });
    }
  }
  return flags;
}

/** Non-idempotent functions called synchronously from another service. */
function syncMutations(edges: readonly GraphEdge[], graph: Omit<ServiceGraph, 'flags'>): GraphFlag[] {
  const idempotent = new Map(graph.services.flatMap((s) => s.functions.map((f) => [f.label, f.idempotent] as const)));
  return edges
    .filter((e) => idempotent.get(label(e.to)) === false)
    .map((e) => ({
      kind: 'sync-mutation',
      subject: `${label(e.from)} calls ${label(e.to)} synchronously, and ${label(e.to)} is not idempotent`,
      explanation:
        'a mutation called synchronously across services: after a time-out the caller cannot know whether it ' +
        'happened and cannot safely retry it, and the two services fail together. Send it as an event (send(): ' +
        'Lambda retries it), or make it idempotent (an idempotency key) and say so in its contract.',
      edges: [e.id],
      services: [...new Set([e.from.service, e.to.service])],
    }));
}

/** Calls observed that no `calls` entry declares. */
function undeclared(edges: readonly GraphEdge[]): GraphFlag[] {
  return edges
    .filter((e) => e.declared === undefined)
    .map((e) => ({
      kind: 'undeclared-call',
      subject: `${label(e.from)} called ${label(e.to)}${e.to.major === undefined ? '' : ` (major ${e.to.major})`}, which its config does not declare`,
      explanation:
        `undeclared: in the cloud the function's policy allows only the calls in its config, so this call is ` +
        `denied there. Add '${e.to.service}.${e.to.function}' to functions.${e.from.function}.calls of ${e.from.service}, or remove the call.`,
      edges: [e.id],
      services: [...new Set([e.from.service, e.to.service])],
    }));
}
