// The service the end-to-end tests run on startLocal(): a plain object, no lambdaport import.
export default {
  service: 'e2e',
  stage: 'test',
  functions: {
    echo: { handler: 'handlers.mjs#echo', description: 'Echoes the event and parts of the context.' },
    fail: { handler: 'handlers.mjs#fail' },
    whoami: { handler: 'handlers.mjs#whoami', calls: ['e2e.fail'] },
    api: {
      handler: 'handlers.mjs#apiV2',
      version: 2,
      versions: { 1: { handler: 'handlers.mjs#apiV1' } },
    },
    web: { handler: 'handlers.mjs#web', url: { authType: 'NONE' } },
    secure: { handler: 'handlers.mjs#web', url: { authType: 'AWS_IAM' } },
  },
};
