import { defineConfig } from 'lambdaport/config';

/**
 * The __SERVICE__ service: its functions, each deployed as `<stage>-__SERVICE__-<function>-<hash>`. Every key, with
 * its type, default and limits: docs/config.md in the lambdaport repository.
 */
export default defineConfig({
  service: '__SERVICE__',
  functions: {
    hello: {
      handler: 'src/handlers.ts#handler',
      contract: 'src/contract.ts#hello',
      description: '__SERVICE__.hello over the Invoke API',
      timeout: 3,
    },
    helloUrl: {
      handler: 'src/handlers.ts#urlHandler',
      contract: 'src/contract.ts#hello',
      description: '__SERVICE__.hello over a Function URL: GET /?name=Ada',
      url: { authType: 'NONE' },
    },
  },
});
