/** The typed-client section: typed client against the raw SDK, over the wire and without a network. */
import { scenarios } from '../data.mjs';

/** @param {any} results */
export function clientSection(results) {
  const client = scenarios(results)['client-overhead'];
  const title = ['## Typed client overhead', ''];
  if (!client || client.skipped?.lambdaport) {
    return [...title, `Not measured: ${client?.skipped?.lambdaport ?? 'not in this results file'}.`, ''];
  }
  const lines = [
    ...title,
    `Measured by \`${client.source}\`. Sequential calls from one process to the echo function on lambdaport's local`,
    `runtime, ${client.rounds} alternating batches of ${client.batch} calls each (${client.callsEach} calls per path):`,
    '`createClient(contract).invoke(input)` (input and output validated, name resolved through the SSM registry, cache',
    'warm) against `lambda.send(new InvokeCommand(...))` plus `JSON.parse` on the same `LambdaClient`.',
    '',
    '| path | p50 ms | p90 ms | p99 ms | mean ms |',
    '|---|---:|---:|---:|---:|',
    `| raw SDK InvokeCommand | ${client.rawSdkMs.p50} | ${client.rawSdkMs.p90} | ${client.rawSdkMs.p99} | ${client.rawSdkMs.mean} |`,
    `| typed client | ${client.typedClientMs.p50} | ${client.typedClientMs.p90} | ${client.typedClientMs.p99} | ${client.typedClientMs.mean} |`,
    '',
    `Overhead at p50: ${client.overheadP50Percent}% (+${client.extraMsP50} ms); at the mean: ${client.overheadMeanPercent}%.` +
      (client.ssmRequestsWhileTimed === undefined
        ? ''
        : ` SSM requests during the timed calls: ${client.ssmRequestsWhileTimed}.`),
    '',
  ];
  const wn = client.withoutNetwork;
  if (wn) {
    lines.push(
      'Without a network (both through one SDK client whose request handler answers at once, which isolates what the',
      `typed client adds): p50 ${wn.rawMs.p50} ms raw against ${wn.typedMs.p50} ms typed (+${wn.extraUsP50} µs);` +
        (wn.cpuUsPerCall
          ? ` CPU per call ${wn.cpuUsPerCall.raw} µs raw against ${wn.cpuUsPerCall.typed} µs typed (+${wn.cpuUsPerCall.extra} µs), a figure the machine's other load barely moves.`
          : ''),
      '',
    );
  }
  return lines;
}
