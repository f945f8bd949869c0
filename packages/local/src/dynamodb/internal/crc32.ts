/**
 * CRC-32 (the zlib/PNG polynomial) of a response body: DynamoDB sends it as `x-amz-crc32`, and boto3 retries a response
 * whose body does not match it. (`zlib.crc32` exists only from Node 20.15.)
 */

const TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/**
 * The unsigned CRC-32 of `bytes`.
 *
 * @example
 * crc32(Buffer.from('{}')); // 2745614147
 */
export function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
