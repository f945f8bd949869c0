/** Throws a TypeError unless `impl` was made by `implement()`. */
export function checkImplementation(where: string, impl: unknown): void {
  if ((impl as { kind?: unknown } | null)?.kind !== 'lambdaport.implementation') {
    throw new TypeError(`${where}: expected an implementation made by implement()`);
  }
}
