/**
 * Small helpers for raw query strings, without building a URL object on the hot path.
 */

/**
 * The first value of `name` in a raw query string (`a=1&b=2`, no `?`), percent-decoded; `undefined` if absent.
 * `+` is kept as is (AWS clients encode spaces as `%20`).
 *
 * @example
 * queryParam('Qualifier=%24LATEST', 'Qualifier'); // '$LATEST'
 */
export function queryParam(query: string, name: string): string | undefined {
  if (query.length === 0) return undefined;
  let start = 0;
  while (start <= query.length) {
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    const eq = query.indexOf('=', start);
    const keyEnd = eq >= 0 && eq < end ? eq : end;
    if (keyEnd - start === name.length && query.startsWith(name, start)) {
      return keyEnd === end ? '' : decode(query.slice(keyEnd + 1, end));
    }
    start = end + 1;
  }
  return undefined;
}

/** Percent-decodes, returning the input unchanged when it is not valid percent-encoding. */
export function decode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
