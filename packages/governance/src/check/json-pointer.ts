/**
 * JSON Pointers (RFC 6901): how a report names the place of a change in a schema (`/properties/id/maximum`).
 */

/**
 * The pointer `base` extended by one reference token (`~` and `/` escaped).
 *
 * @example
 * pointerChild('/properties', 'a/b') // '/properties/a~1b'
 */
export function pointerChild(base: string, token: string | number): string {
  return `${base}/${String(token).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/**
 * The reference tokens of a pointer (`''` is the whole document).
 *
 * @example
 * pointerTokens('/$defs/a~1b') // ['$defs', 'a/b']
 */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}
