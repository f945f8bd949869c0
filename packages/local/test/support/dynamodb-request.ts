/**
 * Raw DynamoDB JSON requests, for bodies an SDK would not build (nesting 1,000 deep, broken shapes). Signed with an
 * access key the runtime does not know, so the front door admits them unverified (it only needs a current date).
 */

/** The answer to a raw request: status, the `__type` without its namespace, the message, the whole body. */
export interface DynamoDbAnswer {
  readonly status: number;
  readonly type: string | undefined;
  readonly message: string | undefined;
  readonly body: Record<string, unknown>;
}

/**
 * POSTs one DynamoDB operation with `input` as its JSON body.
 *
 * @example
 * const answer = await dynamodbRequest(url, 'PutItem', { TableName: 'dev-robust-items', Item: { id: { S: '1' } } });
 * expect(answer.status).toBe(200);
 */
export async function dynamodbRequest(url: string, operation: string, input: unknown): Promise<DynamoDbAnswer> {
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
      authorization: `AWS4-HMAC-SHA256 Credential=unknown/${amzDate.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
      'x-amz-date': amzDate,
    },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
  const text = await res.text();
  const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  const type = typeof body.__type === 'string' ? body.__type.replace(/^.*#/, '') : undefined;
  const message =
    typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : undefined;
  return { status: res.status, type, message, body };
}

/** An attribute value nested `depth` maps deep around a string (`depth` 0 is the string itself). */
export function nestedMap(depth: number): unknown {
  let value: unknown = { S: 'leaf' };
  for (let i = 0; i < depth; i++) value = { M: { a: value } };
  return value;
}

/** An attribute value nested `depth` lists deep around a number. */
export function nestedList(depth: number): unknown {
  let value: unknown = { N: '1' };
  for (let i = 0; i < depth; i++) value = { L: [value] };
  return value;
}
