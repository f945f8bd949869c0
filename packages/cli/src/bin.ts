#!/usr/bin/env node
/**
 * The `lambdaport` command. Silences the AWS SDK's Node version warning before any SDK module loads, and stops
 * quietly when its output's reader went away (`lambdaport --help | head -1`).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { quietOnClosedPipe } = await import('./internal/closed-pipe.js');
quietOnClosedPipe();
const { main } = await import('./main.js');
process.exitCode = await main(process.argv);
