/** Types of index.mjs (the seeded fuzzer of the local runtime's front door). */

/** A seeded PRNG. */
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}
export function random(seed: number): Random;

/** One request to send: what it is, and how. */
export interface FuzzCase {
  readonly id: number;
  readonly endpoint: 'invoke' | 'lambda-read' | 'function-url' | 'ssm' | 'dynamodb';
  /** A request a real client could send: it must never be answered 5xx. */
  readonly wellFormed: boolean;
  /** `well-formed`, or how it was broken (`json`, `utf8`, `deep`, `method`, `content-length`, ...). */
  readonly how: string;
  readonly request: Record<string, unknown>;
}

export interface Fuzzer {
  readonly seed: number;
  next(): FuzzCase;
}

/** The deployed names of the robust fixture's functions. */
export interface FuzzNames {
  readonly echo: string;
  readonly size: string;
  readonly web: string;
}

export function createFuzzer(options: { seed: number; names: FuzzNames; table: string }): Fuzzer;

export interface SendResult {
  /** The status answered, or undefined when the connection closed without one (or the case hung up first). */
  readonly status: number | undefined;
  /** No close within the time-out. */
  readonly hung: boolean;
}
export function send(port: number, fuzzCase: FuzzCase, timeoutMs?: number): Promise<SendResult>;

export interface FuzzSummary {
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Answers by status (`closed`: no answer). */
  readonly statuses: Record<string, number>;
  /** Well-formed cases answered 5xx, one line each. */
  readonly serverErrors: string[];
  /** Cases that hung, one line each. */
  readonly hung: string[];
}
export function runFuzz(options: {
  port: number;
  fuzzer: Fuzzer;
  count: number;
  concurrency?: number;
  onResult?: (fuzzCase: FuzzCase, result: SendResult) => void;
}): Promise<FuzzSummary>;

export function describe(fuzzCase: FuzzCase): string;
