/**
 * `lambdaport/handlers`: one small adapter per event source. Import only this subpath in function code.
 */
export type { EventBridgeEvent, EventBridgeHandler, EventBridgeHandlerOptions } from './eventbridge.js';
export { eventBridgeHandler } from './eventbridge.js';
export type {
  HttpHandler,
  HttpHandlerArgs,
  HttpHandlerOptions,
  HttpRequest,
  HttpResponse,
  HttpResult,
} from './http.js';
export { httpHandler, numberParam } from './http.js';
export type { InvokeHandler, InvokeHandlerOptions } from './invoke.js';
export { invokeHandler } from './invoke.js';
export type { SqsBatchResponse, SqsHandler, SqsHandlerOptions, SqsRecord } from './sqs.js';
export { sqsHandler } from './sqs.js';
export type { AdapterArgs, AdapterOptions, DepsSource, LambdaContext } from './types.js';
