/**
 * Dependencies given to an adapter: a value, or a factory called once per execution environment.
 */

/** Returns the deps: a value at once, or a promise while a factory's first call is pending. */
export type DepsGetter<Deps> = () => Deps | Promise<Deps>;

/**
 * A factory is called on the first invocation (not at import, so a cold start that never invokes pays nothing),
 * and its result is kept for the life of the environment. A factory that throws or rejects is called again on the
 * next invocation. No deps (`undefined`, for a logic that needs none) are `{}`.
 */
export function depsGetter<Deps>(source: Deps | (() => Deps | Promise<Deps>) | undefined): DepsGetter<Deps> {
  if (source === undefined) {
    const none = {} as Deps;
    return () => none;
  }
  if (typeof source !== 'function') return () => source as Deps;
  const factory = source as () => Deps | Promise<Deps>;
  let ready = false;
  let value: Deps | undefined;
  let pending: Promise<Deps> | undefined;
  return () => {
    if (ready) return value as Deps;
    if (pending) return pending;
    const made = factory();
    if (!(made instanceof Promise)) {
      value = made;
      ready = true;
      return made;
    }
    pending = made.then(
      (v) => {
        value = v;
        ready = true;
        pending = undefined;
        return v;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}
