/**
 * The part of the Node.js Lambda context object that lambdaport reads. Structural, so the real context,
 * `@types/aws-lambda`'s `Context` and a hand-made object in a test all fit.
 */
export interface LambdaContext {
  awsRequestId: string;
  functionName?: string;
  functionVersion?: string;
  invokedFunctionArn?: string;
  memoryLimitInMB?: string;
  /** The parsed `X-Amz-Client-Context` of the Invoke call (`{ custom: { correlationId } }` from lambdaport's client). */
  clientContext?: unknown;
  getRemainingTimeInMillis?: () => number;
}
