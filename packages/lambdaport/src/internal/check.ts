/** Throws a TypeError unless `impl` was made by `implement()`. */
export function checkImplementation(where: string, impl: unknown): void {
  if (typeof impl !== 'object' || impl === null || (impl as { kind?: unknown }).kind !== 'lambdaport.implementation') {
    throw new TypeError(`${where}: the first argument must be an implementation made by implement()`);
  }
}
