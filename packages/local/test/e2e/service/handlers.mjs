import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

export const echo = async (event, context) => {
  console.log('echo called');
  return {
    event,
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    invokedFunctionArn: context.invokedFunctionArn,
    clientContext: context.clientContext,
  };
};

export const fail = async () => {
  throw new TypeError('boom');
};

const ssm = new SSMClient({});

/** Reads an SSM parameter through AWS_ENDPOINT_URL: the same endpoint, no code change. */
export const whoami = async (event) => {
  const out = await ssm.send(new GetParameterCommand({ Name: event.name }));
  return { endpoint: process.env.AWS_ENDPOINT_URL, value: out.Parameter?.Value, stage: process.env.LAMBDAPORT_STAGE };
};

export const apiV1 = async (_event, context) => ({ api: 1, version: context.functionVersion });
export const apiV2 = async (_event, context) => ({ api: 2, version: context.functionVersion });

export const web = async (event) => {
  if (event.rawPath === '/string') return 'hello';
  if (event.rawPath === '/fail') throw new Error('web failure');
  if (event.rawPath === '/cookies') {
    return { statusCode: 200, cookies: ['a=1; Path=/', 'b=2'], headers: { 'content-type': 'text/plain' }, body: 'ok' };
  }
  return {
    rawPath: event.rawPath,
    rawQueryString: event.rawQueryString,
    cookies: event.cookies,
    query: event.queryStringParameters,
  };
};
