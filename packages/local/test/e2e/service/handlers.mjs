import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';

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

/**
 * Reads an SSM parameter through AWS_ENDPOINT_URL: the same endpoint, no code change. By its service's path, as its
 * policy allows (its `calls` names a function of the service: `ssm:GetParametersByPath` on the service's path).
 */
export const whoami = async (event) => {
  const path = event.name.slice(0, event.name.lastIndexOf('/'));
  const out = await ssm.send(new GetParametersByPathCommand({ Path: path }));
  const value = out.Parameters?.find((p) => p.Name === event.name)?.Value;
  return { endpoint: process.env.AWS_ENDPOINT_URL, value, stage: process.env.LAMBDAPORT_STAGE };
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
