/**
 * The Lambda handlers: the only place that knows Lambda event shapes. The config points at them.
 *
 * - `handler` (Invoke API): payload `{ "name": "Ada" }` → `{ "message": "Hello, Ada!" }`.
 * - `urlHandler` (Function URL): `GET /?name=Ada` → 200 `{ "message": "Hello, Ada!" }`; no name → 400.
 */
import { httpHandler, invokeHandler } from 'lambdaport/handlers';
import { helloLogic } from './logic.js';

/** The Invoke API handler. */
export const handler = invokeHandler(helloLogic);

/** The Function URL handler. */
export const urlHandler = httpHandler(helloLogic, { input: (req) => ({ name: req.query.name }) });
