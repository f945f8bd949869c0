/**
 * `Marker` / `MaxItems` pagination of the Lambda list APIs. The marker is an opaque string: the base64 of
 * the index of the next item.
 */
import { HttpError } from '../../http/errors.js';
import { queryParam } from '../../http/query.js';

/** One page of `items` and the marker of the next page, if any. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextMarker: string | undefined;
}

/**
 * Slices `items` by the `Marker` and `MaxItems` of a raw query. Throws 400 `InvalidParameterValueException`
 * for a bad marker or a MaxItems outside 1..`max`.
 *
 * @example
 * const { items, nextMarker } = paginate(functions, 'MaxItems=2', 50, 10_000);
 */
export function paginate<T>(items: readonly T[], query: string, defaultMax: number, max: number): Page<T> {
  const marker = queryParam(query, 'Marker');
  const maxItemsRaw = queryParam(query, 'MaxItems');
  let start = 0;
  if (marker !== undefined && marker !== '') {
    const decoded = Number(Buffer.from(marker, 'base64').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0 || decoded > items.length) {
      throw new HttpError(400, 'InvalidParameterValueException', `Invalid Marker: ${marker}`);
    }
    start = decoded;
  }
  let maxItems = defaultMax;
  if (maxItemsRaw !== undefined) {
    maxItems = Number(maxItemsRaw);
    if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > max) {
      throw new HttpError(
        400,
        'InvalidParameterValueException',
        `1 validation error detected: Value '${maxItemsRaw}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and ${max}`,
      );
    }
  }
  const end = Math.min(start + maxItems, items.length);
  return {
    items: items.slice(start, end),
    nextMarker: end < items.length ? Buffer.from(String(end)).toString('base64') : undefined,
  };
}
