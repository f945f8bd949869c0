/**
 * The model `lambdaport graph` draws: services and their functions as nodes, calls between functions as edges (of a
 * kind: synchronous `call` or asynchronous `send`), what a running `lambdaport dev` observed, and the flags raised on
 * them; and events, nodes of their own in their publisher's box, with edges of their own: a function publishes an
 * event, a function subscribes to it (publisher function → event → subscriber function). Event edges never wait for
 * anyone, so no flag counts them.
 */

/** How a function invokes another: `call` waits for the answer (RequestResponse), `send` does not (Event). */
export type EdgeKind = 'call' | 'send';

/** A function of a service, with the majors it serves. */
export interface GraphFunction {
  readonly service: string;
  /** The function's key in its service's config. */
  readonly function: string;
  /** `service.function`. */
  readonly label: string;
  /** The majors served, ascending. */
  readonly majors: readonly number[];
  /**
   * From the contract of its current major: false for a mutation a caller cannot safely repeat; undefined when the
   * contract is unknown (not loaded, or a service outside those given).
   */
  readonly idempotent: boolean | undefined;
}

/** An event a service publishes (or, for a service not given, an event some function subscribes to). */
export interface GraphEvent {
  /** The publishing service: the event's source. */
  readonly service: string;
  /** The event's name: its detail type (`OrderCreated`). */
  readonly name: string;
  /** `orders.OrderCreated`. */
  readonly label: string;
}

/** A service: a box of functions, and of the events it publishes. */
export interface GraphService {
  readonly name: string;
  /** True for a service named by a `calls` entry, a subscription or an observed call but not among the services given. */
  readonly external: boolean;
  readonly functions: readonly GraphFunction[];
  readonly events: readonly GraphEvent[];
}

/** How a function is tied to an event: it publishes it, or subscribes to it. */
export type EventEdgeKind = 'publish' | 'subscribe';

/** A function publishing an event (function → event), or subscribing to one (event → function). */
export interface GraphEventEdge {
  /** `orders.create->orders.OrderCreated` (publish), `orders.OrderCreated->notifications.notify` (subscribe). */
  readonly id: string;
  readonly kind: EventEdgeKind;
  readonly event: { readonly service: string; readonly name: string };
  /** The publisher (publish) or the subscriber (subscribe). */
  readonly function: { readonly service: string; readonly function: string };
  /** The queue a subscription delivers through (its name), or undefined when it invokes the function directly. */
  readonly queue: string | undefined;
  /** The config key declaring it: `functions.create.publishes[0]`, `functions.notify.subscribe[0]`. */
  readonly declared: string;
}

/** Counts of observed invocations, by invocation type. */
export interface ObservedCounts {
  readonly requestResponse: number;
  readonly event: number;
}

/** Calls from one function to another (one major of it). */
export interface GraphEdge {
  /** `orders.create->records.get@v1`. */
  readonly id: string;
  readonly from: { readonly service: string; readonly function: string };
  readonly to: { readonly service: string; readonly function: string; readonly major: number | undefined };
  /**
   * `send` when the only calls observed were Events; otherwise `call`: a `calls` entry grants both invocation types
   * and says not which one the code uses, so an edge never observed is taken to be synchronous (the worst case).
   */
  readonly kind: EdgeKind;
  /** The `calls` entry declaring it (`records.get@v1`), or undefined for a call observed but not declared. */
  readonly declared: string | undefined;
  /** What `lambdaport dev` counted; undefined when no observations were given. */
  readonly observed: ObservedCounts | undefined;
}

/** What a flag is about. */
export type FlagKind = 'cycle' | 'deep-chain' | 'fan-in' | 'fan-out' | 'sync-mutation' | 'undeclared-call';

/** A warning about the shape of the graph, explained. */
export interface GraphFlag {
  readonly kind: FlagKind;
  /** What was found: `records → orders → billing → records`. */
  readonly subject: string;
  /** Why it matters and what to do. */
  readonly explanation: string;
  /** The edges concerned (highlighted in drawings). */
  readonly edges: readonly string[];
  /** The services concerned. */
  readonly services: readonly string[];
}

/** The whole graph. */
export interface ServiceGraph {
  readonly services: readonly GraphService[];
  readonly edges: readonly GraphEdge[];
  /** Events published and subscribed to, in config order: publish edges, then subscribe edges. */
  readonly eventEdges: readonly GraphEventEdge[];
  /** True when observed calls were given (a `lambdaport dev` was asked). */
  readonly observed: boolean;
  /** Declared edges never observed (ids), when observations were given: a note, not a flag. */
  readonly unused: readonly string[];
  readonly flags: readonly GraphFlag[];
  /** The limits the flags were raised with. */
  readonly limits: GraphLimits;
}

/** The limits of the flags. */
export interface GraphLimits {
  /** A synchronous chain of more hops than this is flagged (default 3). */
  readonly maxDepth: number;
  /** A service with more synchronous callers (or callees) than this, counted in services, is flagged (default 5). */
  readonly maxFan: number;
}
