/**
 * The business logic: plain functions of (input, deps), no Lambda types in sight. `helloLogic` needs no deps; give a
 * logic deps (a repository, a client of another service) as its second parameter, and the handlers pass them.
 */
import { implement } from 'lambdaport';
import { hello } from './contract.js';

/** `__SERVICE__.hello`. */
export const helloLogic = implement(hello, ({ name }) => ({ message: `Hello, ${name}!` }));
