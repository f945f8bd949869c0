/**
 * Unit tests of the logic: called directly, no Lambda, no process. The contract validates the input (and the output)
 * as the handlers do.
 */
import { InvalidRequestError } from 'lambdaport';
import { describe, expect, it } from 'vitest';
import { helloLogic } from '../src/logic.js';

describe('__SERVICE__.hello', () => {
  it('greets by name', async () => {
    expect(await helloLogic({ name: 'Ada' })).toEqual({ message: 'Hello, Ada!' });
  });

  it('refuses an empty name, naming the field', async () => {
    const error = await helloLogic({ name: '' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).issues.map((issue) => issue.path)).toEqual(['name']);
  });
});
