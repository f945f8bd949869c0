/**
 * The message of AWS's `ValidationException` on the JSON protocols (SSM, EventBridge): one member that failed one
 * constraint, worded as AWS words it.
 */

/**
 * `1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: ...`.
 *
 * @example
 * validationMessage('', 'name', 'Member must have length greater than or equal to 1');
 */
export function validationMessage(value: unknown, member: string, constraint: string): string {
  const shown =
    value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`;
}
