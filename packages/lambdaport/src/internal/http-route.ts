/**
 * The optional route of an HTTP adapter: a method list and a path template such as `/records/{id}`.
 */

/** Matches a path: its parameters, or false when it does not match. */
export type PathMatcher = (path: string) => Record<string, string> | false;

const PARAM = /^\{(\w+)\}$/;

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** Compiles `/records/{id}` into a matcher. Trailing slashes are ignored. */
export function compilePath(template: string): PathMatcher {
  const parts = segments(template).map((s) => PARAM.exec(s)?.[1] ?? { literal: s });
  return (path) => {
    const got = segments(path);
    if (got.length !== parts.length) return false;
    const params: Record<string, string> = Object.create(null);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const value = got[i]!;
      if (typeof part !== 'string') {
        if (part.literal !== value) return false;
      } else {
        try {
          params[part] = decodeURIComponent(value);
        } catch {
          return false;
        }
      }
    }
    return params;
  };
}
