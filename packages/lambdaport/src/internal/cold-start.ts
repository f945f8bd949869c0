/** One flag per execution environment (module instance): true for the first invocation only. */
let cold = true;

/** True the first time it is called in this environment, false afterwards. */
export function takeColdStart(): boolean {
  if (!cold) return false;
  cold = false;
  return true;
}
