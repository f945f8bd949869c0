/**
 * The MD5 digests SQS answers with, which the SDKs check: of the body, and of the message attributes (AWS's
 * documented encoding: for each attribute by name, length-prefixed name, data type, a transport byte and the value).
 */
import { createHash } from 'node:crypto';

/** A message attribute as clients send it. */
export interface MessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string | undefined;
  /** Base64 (JSON protocol). */
  readonly BinaryValue?: string | undefined;
}

export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** Undefined when there are no attributes. */
export function md5OfAttributes(
  attributes: Readonly<Record<string, MessageAttribute>> | undefined,
): string | undefined {
  const names = Object.keys(attributes ?? {}).sort();
  if (attributes === undefined || names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const attribute = attributes[name] as MessageAttribute;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(attribute.DataType, 'utf8')));
    if (attribute.StringValue !== undefined) {
      hash.update(Buffer.from([1]));
      hash.update(lengthPrefixed(Buffer.from(attribute.StringValue, 'utf8')));
    } else {
      hash.update(Buffer.from([2]));
      hash.update(lengthPrefixed(Buffer.from(attribute.BinaryValue ?? '', 'base64')));
    }
  }
  return hash.digest('hex');
}
