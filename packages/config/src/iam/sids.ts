/**
 * Statement ids from config names: IAM allows only letters and digits in a `Sid`, so each word is capitalised and
 * joined (`records.get-all@v2` → `RecordsGetAllV2`). Two names may fold to one id (`get-url` and `getUrl`): the
 * later one gets `N2`, `N3`... (`InvokeOrdersGetUrlV1N2`), so ids stay unique and stable for a given config.
 */

/** `records` → `Records`, `get-all` → `GetAll`, `my_table.v2` → `MyTableV2`. */
export function pascal(...names: readonly string[]): string {
  return names
    .flatMap((name) => name.split(/[^A-Za-z0-9]+/))
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** Hands out unique statement ids within one policy. */
export class SidSet {
  private readonly used = new Set<string>();

  /** `base`, or `base` + `N<n>` (n from 2) when `base` is taken. */
  take(base: string): string {
    let sid = base;
    for (let n = 2; this.used.has(sid); n++) sid = `${base}N${n}`;
    this.used.add(sid);
    return sid;
  }
}
