/**
 * The optional route of an HTTP adapter: a method list and a path template such as `/records/{id}`.
 */

/** Matches a path; returns its parameters, or undefined when it does not match. */
export type PathMatcher = (path: string) => Record<string, string> | undefined | false;

const PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$|^:([A-Za-z_][A-Za-z0-9_]*)$/;

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** Compiles `/records/{id}` (or `/records/:id`) into a matcher. Trailing slashes are ignored. */
export function compilePath(template: string): PathMatcher {
  const parts = segments(template).map((s) => {
    const m = PARAM.exec(s);
    return m ? { param: (m[1] ?? m[2]) as string } : { literal: s };
  });
  const hasParams = parts.some((p) => 'param' in p);
  if (!hasParams) {
    const fixed = `/${parts.map((p) => (p as { literal: string }).literal).join('/')}`;
    return (path) => (path === fixed || path === `${fixed}/` || (fixed === '/' && path === '') ? undefined : false);
  }
  return (path) => {
    const got = segments(path);
    if (got.length !== parts.length) return false;
    const params: Record<string, string> = Object.create(null);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const value = got[i]!;
      if ('literal' in part) {
        if (part.literal !== value) return false;
      } else {
        try {
          params[part.param] = decodeURIComponent(value);
        } catch {
          return false;
        }
      }
    }
    return params;
  };
}
