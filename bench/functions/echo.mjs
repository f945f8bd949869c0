/**
 * The echo function every tool runs in the invoke scenarios: returns its event unchanged.
 * Plain ESM with no imports, so no tool gets an advantage from bundling or caching.
 * @param {unknown} event
 */
export const handler = async (event) => event;
