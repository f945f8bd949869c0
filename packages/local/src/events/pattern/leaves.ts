/**
 * The tests a pattern's leaf array holds, one per operator (exact value, `prefix`, `suffix`, `equals-ignore-case`,
 * `wildcard`, `anything-but`, `numeric`, `exists`, `cidr`), and the values of an event they look at.
 */
import { BlockList, isIP } from 'node:net';

/** A leaf value of an event: what a leaf test looks at. */
export type Scalar = string | number | boolean | null;

/**
 * One element of a leaf array. `values` are the event's leaf values at the field (the value itself, or the scalar
 * elements of its array, nested arrays flattened); empty when the field is absent or holds no leaf.
 */
export type LeafTest = (values: readonly Scalar[]) => boolean;

/** A test of one value; the leaf matches when any of the field's values passes it. */
export type ValueTest = (value: Scalar) => boolean;

/** The leaf matches when any value passes `test`. */
export function anyValue(test: ValueTest): LeafTest {
  return (values) => values.some(test);
}

/** An exact value: type and value equal (`"5"` is not `5`; numbers by value). */
export function exact(expected: Scalar): ValueTest {
  return (value) => value === expected;
}

export function prefix(text: string, ignoreCase: boolean): ValueTest {
  if (ignoreCase) {
    const lower = text.toLowerCase();
    return (value) => typeof value === 'string' && value.toLowerCase().startsWith(lower);
  }
  return (value) => typeof value === 'string' && value.startsWith(text);
}

export function suffix(text: string, ignoreCase: boolean): ValueTest {
  if (ignoreCase) {
    const lower = text.toLowerCase();
    return (value) => typeof value === 'string' && value.toLowerCase().endsWith(lower);
  }
  return (value) => typeof value === 'string' && value.endsWith(text);
}

export function equalsIgnoreCase(text: string): ValueTest {
  const lower = text.toLowerCase();
  return (value) => typeof value === 'string' && value.toLowerCase() === lower;
}

/**
 * `*` matches any run of characters (none included); `\*` is a literal star and `\\` a backslash. Returns a reason
 * instead when the wildcard is invalid (two stars in a row, another escape, a trailing backslash).
 */
export function wildcard(pattern: string): ValueTest | string {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') {
      if (pattern[i + 1] === '*') return 'a wildcard must not have two consecutive "*"';
      source += '.*';
    } else if (c === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') return 'in a wildcard, "\\" may only escape "*" or "\\"';
      source += `\\${next}`;
      i++;
    } else {
      source += c.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  const regex = new RegExp(`^${source}$`, 's');
  return (value) => typeof value === 'string' && regex.test(value);
}

/** A numeric comparison operator of `numeric`. */
export type NumericOperator = '=' | '<' | '<=' | '>' | '>=';

/** `numeric`: numbers only, every comparison true. */
export function numeric(comparisons: readonly (readonly [NumericOperator, number])[]): ValueTest {
  return (value) =>
    typeof value === 'number' &&
    comparisons.every(([op, bound]) => {
      switch (op) {
        case '=':
          return value === bound;
        case '<':
          return value < bound;
        case '<=':
          return value <= bound;
        case '>':
          return value > bound;
        default:
          return value >= bound;
      }
    });
}

/** `cidr`: a string that is an IP address inside the block (IPv4 or IPv6); a reason when the block is invalid. */
export function cidr(block: string): ValueTest | string {
  const slash = block.indexOf('/');
  const address = slash < 0 ? block : block.slice(0, slash);
  const family = isIP(address);
  const bits = slash < 0 ? Number.NaN : Number(block.slice(slash + 1));
  const max = family === 4 ? 32 : 128;
  if (family === 0 || !Number.isInteger(bits) || bits < 0 || bits > max || !/^\d+$/.test(block.slice(slash + 1))) {
    return `"${block}" is not a CIDR block (an IPv4 or IPv6 address, "/" and a prefix length)`;
  }
  const list = new BlockList();
  list.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6');
  return (value) => {
    if (typeof value !== 'string') return false;
    const valueFamily = isIP(value);
    return valueFamily !== 0 && list.check(value, valueFamily === 4 ? 'ipv4' : 'ipv6');
  };
}

/** `anything-but`: a value present that the excluded test does not accept. An absent field does not match. */
export function anythingBut(excluded: ValueTest): LeafTest {
  return (values) => values.some((value) => !excluded(value));
}

/** `exists: true` (the field holds a leaf value, `null` included) or `exists: false` (it holds none). */
export function exists(expected: boolean): LeafTest {
  return (values) => values.length > 0 === expected;
}
