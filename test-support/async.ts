/** Small async helpers shared by the test suites of several workspaces. */

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
