/**
 * The __SERVICE__ service's contract: what callers send and get back. Callers import it to call the service with the
 * typed client (`createClient(hello)`).
 */
import { defineFunction } from 'lambdaport';
import { z } from 'zod';

/** `__SERVICE__.hello`: greets someone. */
export const hello = defineFunction({
  name: '__SERVICE__.hello',
  version: 1,
  description: 'Greets someone.',
  input: z.object({ name: z.string().min(1) }),
  output: z.object({ message: z.string() }),
  // sample calls: the lambdaport dev banner, lambdaport event and lambdaport docs show them
  examples: [{ name: 'a greeting', input: { name: 'Ada' }, output: { message: 'Hello, Ada!' } }],
});
