/**
 * A place inside a JSON Schema (`['properties', 'items', 'items', 'properties', 'id']`) said as the field path of the
 * value it describes (`items[].id`), for problems and docs.
 */

/**
 * The field path of a JSON Schema path: `properties.X` → `.X`, `items` → `[]`, `prefixItems.N` → `[N]`,
 * `additionalProperties` → `.*`, branches of `anyOf`/`oneOf`/`allOf` and other keywords are skipped.
 *
 * @example
 * fieldPathOf(['properties', 'lines', 'items', 'properties', 'sku']); // 'lines[].sku'
 */
export function fieldPathOf(schemaPath: readonly (string | number)[]): string {
  let out = '';
  for (let i = 0; i < schemaPath.length; i++) {
    const step = schemaPath[i];
    const next = schemaPath[i + 1];
    if ((step === 'properties' || step === 'patternProperties') && next !== undefined) {
      out += out === '' ? String(next) : `.${String(next)}`;
      i++;
    } else if (step === 'items') out += '[]';
    else if (step === 'prefixItems' && next !== undefined) {
      out += `[${String(next)}]`;
      i++;
    } else if (step === 'additionalProperties') out += out === '' ? '*' : '.*';
    else if ((step === 'anyOf' || step === 'oneOf' || step === 'allOf') && typeof next === 'number') i++;
    else if (step === '$defs' && next !== undefined) {
      out = `$defs.${String(next)}`;
      i++;
    }
  }
  return out;
}

/**
 * `input.lines[].sku`, `output`, `errors.RecordNotFound.data.id`: where a field is, from the schema's place in the
 * contract (`input`) and the field path inside it.
 *
 * @example
 * joinPath('input', 'lines[].sku'); // 'input.lines[].sku'
 */
export function joinPath(where: string, field: string): string {
  if (field === '') return where;
  return field.startsWith('[') ? `${where}${field}` : `${where}.${field}`;
}
