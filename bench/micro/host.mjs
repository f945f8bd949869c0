// Hosts one local runtime for bench/micro/warm.mjs (not run by hand, nor a test):
//   node bench/micro/host.mjs <dist/index.js of @lambdaport/local> <service dir> [options JSON]
// Prints `READY {"url":...,"names":{...}}`; stops on SIGTERM. Pass `--cpu-prof` to node to profile the runtime.
import { pathToFileURL } from 'node:url';

const [dist, dir, extra] = process.argv.slice(2);
const { startLocal } = await import(pathToFileURL(dist).href);
const local = await startLocal({ dirs: [dir], ephemeral: true, ...JSON.parse(extra ?? '{}') });
console.log(
  `READY ${JSON.stringify({ url: local.url, names: Object.fromEntries(local.functions.filter((f) => f.current).map((f) => [f.name, f.deployedName])) })}`,
);
const stop = async () => {
  await local.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
