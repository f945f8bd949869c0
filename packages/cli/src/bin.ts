#!/usr/bin/env node
/**
 * The `lambdaport` command. Silences the AWS SDK's Node version warning before any SDK module loads.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { main } = await import('./main.js');
process.exitCode = await main(process.argv);
