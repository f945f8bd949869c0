/**
 * The function the hot-reload scenario edits: the bench rewrites the VERSION line and waits until a call answers with
 * the new value.
 */
const VERSION = 'v0';

/** @param {unknown} event */
export const handler = async (event) => ({ version: VERSION, event });
