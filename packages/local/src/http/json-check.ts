/**
 * Checking that bytes are one JSON text without building it: the Invoke API must answer 400 for a payload that is
 * not JSON, but it never needs the parsed value (the function parses it). Accepts exactly what
 * `JSON.parse(bytes.toString('utf8'))` accepts (RFC 8259: any value at the top, whitespace around it; bytes of
 * multi-byte characters are only allowed inside strings, where invalid UTF-8 becomes U+FFFD and is still accepted).
 * No allocation but a small stack of open containers; no recursion, so deep nesting cannot overflow.
 */

// character classes
const SPACE = 1;
const DIGIT = 2;

const CLASS = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) CLASS[c] = SPACE;
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = DIGIT;

const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

/** Escapes allowed after a backslash: " \ / b f n r t (u is handled apart). */
const ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrt') ESCAPE[c.charCodeAt(0)] = 1;

const OBJECT = 1;
const ARRAY = 2;

/**
 * True when `bytes` are one valid JSON text.
 *
 * @example
 * isJson(Buffer.from('{"id": 1}')); // true
 * isJson(Buffer.from('{id: 1}')); // false
 */
export function isJson(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  // open containers, innermost last
  let stack = new Uint8Array(32);
  let depth = 0;

  const skipSpace = (): void => {
    while (i < n && CLASS[bytes[i] as number] === SPACE) i++;
  };

  for (;;) {
    // a value
    skipSpace();
    if (i >= n) return false;
    const c = bytes[i] as number;
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      i++;
      skipSpace();
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (bytes[i] === close) {
        i++;
      } else {
        if (depth === stack.length) {
          const grown = new Uint8Array(stack.length * 2);
          grown.set(stack);
          stack = grown;
        }
        stack[depth++] = c === 0x7b ? OBJECT : ARRAY;
        if (c === 0x7b && !key()) return false;
        continue;
      }
    } else if (c === 0x22 /* " */) {
      if (!string()) return false;
    } else if (c === 0x2d /* - */ || CLASS[c] === DIGIT) {
      if (!number()) return false;
    } else if (c === 0x74 /* t */) {
      if (!literal('true')) return false;
    } else if (c === 0x66 /* f */) {
      if (!literal('false')) return false;
    } else if (c === 0x6e /* n */) {
      if (!literal('null')) return false;
    } else {
      return false;
    }

    // after a value: close containers, or a comma and the next member
    for (;;) {
      skipSpace();
      if (depth === 0) return i === n;
      const open = stack[depth - 1];
      const d = bytes[i];
      if (d === 0x2c /* , */) {
        i++;
        if (open === OBJECT) {
          skipSpace();
          if (!key()) return false;
        }
        break;
      }
      if ((open === OBJECT && d === 0x7d) || (open === ARRAY && d === 0x5d)) {
        i++;
        depth--;
        continue;
      }
      return false;
    }
  }

  /** `"key" :` with the string at `i`. */
  function key(): boolean {
    if (bytes[i] !== 0x22 || !string()) return false;
    skipSpace();
    if (bytes[i] !== 0x3a /* : */) return false;
    i++;
    return true;
  }

  function string(): boolean {
    i++; // the opening quote
    for (;;) {
      if (i >= n) return false;
      const c = bytes[i] as number;
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c /* \ */) {
        const e = bytes[i + 1];
        if (e === undefined) return false;
        if (e === 0x75 /* u */) {
          for (let k = 2; k < 6; k++) if (HEX[bytes[i + k] ?? 0] !== 1) return false;
          i += 6;
        } else if (ESCAPE[e] === 1) {
          i += 2;
        } else {
          return false;
        }
      } else {
        i++;
      }
    }
  }

  function number(): boolean {
    if (bytes[i] === 0x2d) i++;
    if (bytes[i] === 0x30) {
      i++;
    } else if (CLASS[bytes[i] ?? 0] === DIGIT) {
      while (CLASS[bytes[i] ?? 0] === DIGIT) i++;
    } else {
      return false;
    }
    if (bytes[i] === 0x2e /* . */) {
      i++;
      if (CLASS[bytes[i] ?? 0] !== DIGIT) return false;
      while (CLASS[bytes[i] ?? 0] === DIGIT) i++;
    }
    if (bytes[i] === 0x65 /* e */ || bytes[i] === 0x45 /* E */) {
      i++;
      if (bytes[i] === 0x2b /* + */ || bytes[i] === 0x2d) i++;
      if (CLASS[bytes[i] ?? 0] !== DIGIT) return false;
      while (CLASS[bytes[i] ?? 0] === DIGIT) i++;
    }
    return true;
  }

  function literal(word: string): boolean {
    for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) return false;
    i += word.length;
    return true;
  }
}
