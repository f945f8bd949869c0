/** Random values for the fuzzer: a seeded PRNG, words, text, JSON values and DynamoDB attribute values. */

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same requests. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-';
const UNICODE = ['é', 'ß', '日本', '🙂', '\u0000', '\n', '"', '\\', '\u2028', ' '];

export function word(rng, min = 1, max = 12) {
  let text = '';
  const length = rng.int(min, max);
  for (let i = 0; i < length; i++) text += ALPHABET[rng.int(0, ALPHABET.length - 1)];
  return text;
}

export function text(rng) {
  let out = word(rng, 0, 20);
  if (rng.chance(0.3)) out += rng.pick(UNICODE);
  return out;
}

/** A random JSON value (well-formed), at most `depth` levels deep. */
export function jsonValue(rng, depth) {
  const kind = rng.int(0, depth > 0 ? 6 : 4);
  if (kind === 0) return null;
  if (kind === 1) return rng.chance(0.5);
  if (kind === 2) return rng.chance(0.5) ? rng.int(-1e6, 1e6) : rng.next() * 1e6;
  if (kind === 3 || kind === 4) return text(rng);
  if (kind === 5) return Array.from({ length: rng.int(0, 4) }, () => jsonValue(rng, depth - 1));
  const object = {};
  for (let i = rng.int(0, 4); i > 0; i--) object[word(rng)] = jsonValue(rng, depth - 1);
  return object;
}

/** A random, valid DynamoDB attribute value, at most `depth` levels of M/L. */
export function attribute(rng, depth) {
  const kind = rng.int(0, depth > 0 ? 9 : 6);
  switch (kind) {
    case 0:
      return { S: text(rng) || 'x' };
    case 1:
      return { N: String(rng.chance(0.5) ? rng.int(-1e9, 1e9) : (rng.next() * 1e6).toFixed(rng.int(0, 6))) };
    case 2:
      return { B: Buffer.from(word(rng)).toString('base64') };
    case 3:
      return { BOOL: rng.chance(0.5) };
    case 4:
      return { NULL: true };
    case 5:
      return { SS: [...new Set(Array.from({ length: rng.int(1, 4) }, () => word(rng)))] };
    case 6:
      return { NS: [...new Set(Array.from({ length: rng.int(1, 4) }, () => String(rng.int(0, 1000))))] };
    case 7:
      return { L: Array.from({ length: rng.int(0, 3) }, () => attribute(rng, depth - 1)) };
    default: {
      const map = {};
      for (let i = rng.int(0, 3); i > 0; i--) map[word(rng)] = attribute(rng, depth - 1);
      return { M: map };
    }
  }
}

export function item(rng) {
  const value = { id: { S: `fuzz-${rng.int(0, 50)}` } };
  for (let i = rng.int(0, 4); i > 0; i--) value[`a${word(rng, 1, 6)}`] = attribute(rng, rng.int(0, 5));
  return value;
}
