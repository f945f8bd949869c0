/** The types the files of the Node bootstrap share (types only: nothing of this file is loaded at run time). */

/** A function's handler, as the managed Node.js runtime calls it. */
export type Handler = (event: unknown, context: Context, callback: Callback) => unknown;

/** The callback of a callback-style handler. */
export type Callback = (error?: unknown, result?: unknown) => void;

/** The context object handed to a handler. */
export interface Context {
  callbackWaitsForEmptyEventLoop: boolean;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly clientContext: unknown;
  readonly identity: unknown;
  getRemainingTimeInMillis(): number;
  done(error?: unknown, result?: unknown): void;
  succeed(result?: unknown): void;
  fail(error?: unknown): void;
}

/** An error as the managed runtime posts it. */
export interface ErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** One reply of the Runtime API. */
export interface Reply {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

/** What a spare is told when it is bound to a function (one JSON line on fd 3). */
export interface Binding {
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly codeCacheDir: string | undefined;
}

/** Where an invocation's result goes (the posting half of the Runtime API client). */
export interface ResultSink {
  postResponse(requestId: string, body: string): Promise<Reply>;
  postError(requestId: string, payload: ErrorPayload): Promise<Reply>;
}
