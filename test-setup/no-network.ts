/**
 * Fail closed: tests may only talk to loopback. `network-guard.cjs` refuses every connection, UDP send and DNS
 * query that would leave the machine, in this process and in every process it starts (a `lambdaport dev`, an
 * execution environment of the local runtime). And an AWS client built without an explicit endpoint picks up
 * these values and reaches a port nothing listens on, instead of real AWS.
 */
import { createRequire } from 'node:module';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
process.env.AWS_REGION ??= 'us-east-1';
// An unset endpoint must never mean "the cloud": port 9 (discard) on loopback refuses connections.
process.env.AWS_ENDPOINT_URL ??= 'http://127.0.0.1:9';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

createRequire(import.meta.url)('./network-guard.cjs');
