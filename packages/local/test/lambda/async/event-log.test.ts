/**
 * The durable log of asynchronous events: what is appended is replayed after a reopen (payloads read back by
 * offset), done events are not, a torn tail is cut and kept aside, and anything else damaged (a flipped byte inside
 * the committed part, a truncated file, a foreign file) is refused with the file's name and how to recover, with
 * nothing changed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type EventLog,
  EventLogError,
  openEventLog,
  type PayloadRef,
  type StoredEvent,
} from '../../../src/lambda/async/event-log.js';
import type { AcceptedHeader } from '../../../src/lambda/async/log-records.js';

let dir: string;
const lines: string[] = [];
const open = (): EventLog => openEventLog({ dir, log: (line) => lines.push(line) });
const header = (id: string): AcceptedHeader => ({ id, fn: 'dev-svc-fn-abc123', version: '$LATEST', arn: 'arn', at: 1 });
const file = () => path.join(dir, 'queue.log');

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lambdaport-log-'));
  lines.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function fill(count: number): Promise<void> {
  const log = open();
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      log.append([{ accepted: header(`e${i}`), payload: Buffer.from(`{"n":${i}}`) }]),
    ),
  );
  await log.close();
}

describe('event log: append and replay', () => {
  it('replays every accepted event with its payload, and not the done or discarded ones', async () => {
    const log = open();
    const refs = await Promise.all(
      [0, 1, 2, 3].map((i) => log.append([{ accepted: header(`e${i}`), payload: Buffer.from(`{"n":${i}}`) }])),
    );
    expect(log.readPayload(refs[2]![0]!).toString()).toBe('{"n":2}');
    await log.append([{ type: 'done', id: 'e1' }]);
    await log.append([{ type: 'discarded', id: 'e3', reason: 'RetriesExhausted' }]);
    await log.append([{ type: 'retryAt', id: 'e2', at: 12345, failures: 1, throttles: 0 }]);
    await log.append([{ type: 'started', id: 'e2', invokes: 2 }]);
    await log.close();

    const again = open();
    expect(again.events.map((e) => e.header.id)).toEqual(['e0', 'e2']);
    const e2 = again.events[1]!;
    expect({ notBefore: e2.notBefore, failures: e2.failures, invokes: e2.invokes }).toEqual({
      notBefore: 12345,
      failures: 1,
      invokes: 2,
    });
    expect(again.readPayload(e2.payload).toString()).toBe('{"n":2}');
    await again.close();
  });

  it('writes the appends of one tick in one batch: all 200 resolve, and all are replayed', async () => {
    await fill(200);
    const log = open();
    expect(log.events).toHaveLength(200);
    expect(log.readPayload(log.events[199]!.payload).toString()).toBe('{"n":199}');
    await log.close();
  });

  it('compacts to the live events, whose payloads still read back, before and after a reopen', async () => {
    const log = open();
    const big = Buffer.from(`"${'x'.repeat(100_000)}"`);
    let kept: PayloadRef | undefined;
    for (let i = 0; i < 20; i++) {
      const [ref] = await log.append([
        { accepted: header(`e${i}`), payload: i === 7 ? Buffer.from('{"keep":7}') : big },
      ]);
      if (i === 7) kept = ref;
    }
    for (let i = 0; i < 20; i++) if (i !== 7) await log.append([{ type: 'done', id: `e${i}` }]);
    const before = log.size;
    const live: StoredEvent[] = [
      { header: header('e7'), payload: kept!, invokes: 0, failures: 0, throttles: 0, notBefore: 0 },
    ];
    await log.compact(() => live);
    expect(log.size).toBeLessThan(before / 10);
    expect(log.readPayload(live[0]!.payload).toString()).toBe('{"keep":7}');
    await log.append([{ accepted: header('after'), payload: Buffer.from('{"after":1}') }]);
    await log.close();

    const again = open();
    expect(again.events.map((e) => e.header.id)).toEqual(['e7', 'after']);
    expect(again.readPayload(again.events[0]!.payload).toString()).toBe('{"keep":7}');
    await again.close();
  });
});

describe('event log: compaction while appends are under way', () => {
  it('keeps an event whose append was being made durable when the compaction was asked (its payload reads back)', async () => {
    const log = open();
    const big = Buffer.from(`"${'x'.repeat(100_000)}"`);
    for (let i = 0; i < 12; i++) await log.append([{ accepted: header(`old${i}`), payload: big }]);
    for (let i = 0; i < 12; i++) await log.append([{ type: 'done', id: `old${i}` }]);
    // the queue's live events: an event joins once its append is acknowledged, as accept() does
    const live: StoredEvent[] = [];
    const appended = log.append([{ accepted: header('late'), payload: Buffer.from('{"late":1}') }]).then(([ref]) => {
      live.push({ header: header('late'), payload: ref!, invokes: 0, failures: 0, throttles: 0, notBefore: 0 });
    });
    // its flush is now on the chain (fsync under way); the compaction is asked before it is acknowledged
    await new Promise((resolve) => setImmediate(resolve));
    const compacted = log.compact(() => live);
    await Promise.all([appended, compacted]);

    expect(log.readPayload(live[0]!.payload).toString()).toBe('{"late":1}');
    await log.close();
    const again = open();
    expect(again.events.map((e) => e.header.id)).toEqual(['late']);
    await again.close();
  });
});

describe('event log: damage at start', () => {
  it('cuts a torn tail (a record cut short after the last acknowledged append), keeps its bytes aside and says so', async () => {
    await fill(5);
    const whole = readFileSync(file());
    // half of a sixth record, as a crash in the middle of a write leaves it
    const log = open();
    await log.append([{ accepted: header('e5'), payload: Buffer.from('{"n":5}') }]);
    await log.close();
    const withSix = readFileSync(file());
    const torn = withSix.subarray(0, whole.length + Math.floor((withSix.length - whole.length) / 2));
    // the header still says the five-record length was committed: the sixth was never acknowledged
    torn.set(whole.subarray(0, 24), 0);
    writeFileSync(file(), torn);

    const again = open();
    expect(again.events.map((e) => e.header.id)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    await again.close();
    expect(statSync(file()).size).toBe(whole.length);
    const aside = readdirSync(dir).filter((name) => name.startsWith('queue.log.torn-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]!))).toEqual(torn.subarray(whole.length));
    expect(lines.some((line) => line.includes('torn record') && line.includes(aside[0]!))).toBe(true);
  });

  it('cuts zeros after the committed end (a file extended but never written) the same way', async () => {
    await fill(3);
    const whole = readFileSync(file());
    writeFileSync(file(), Buffer.concat([whole, Buffer.alloc(4096)]));

    const again = open();
    expect(again.events).toHaveLength(3);
    await again.close();
    expect(statSync(file()).size).toBe(whole.length);
  });

  it('refuses a flipped byte inside the committed part: names the file, the byte and how to recover; changes nothing', async () => {
    await fill(5);
    const bytes = readFileSync(file());
    const at = bytes.indexOf('{"n":2}');
    bytes[at + 5] = '7'.charCodeAt(0);
    writeFileSync(file(), bytes);

    expect(() => open()).toThrow(EventLogError);
    try {
      open();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain(file());
      expect(message).toContain('checksum does not match');
      expect(message).toMatch(/inside the \d+ bytes that were committed/);
      expect(message).toContain(`mv '${file()}' '${file()}.damaged'`);
    }
    expect(readFileSync(file())).toEqual(bytes);
    expect(readdirSync(dir)).toEqual(['queue.log']);
  });

  it('refuses a truncated file (shorter than what was committed), changing nothing', async () => {
    await fill(5);
    const size = statSync(file()).size;
    truncateSync(file(), Math.floor(size / 2));
    const cut = readFileSync(file());

    expect(() => open()).toThrow(/is truncated: \d+ bytes were committed \(acknowledged\) but the file has \d+/);
    expect(readFileSync(file())).toEqual(cut);
    expect(readdirSync(dir)).toEqual(['queue.log']);
  });

  it('refuses a file that is not an event log', async () => {
    writeFileSync(file(), 'hello, this is not a log at all');
    expect(() => open()).toThrow(/does not start with the LPEVLOG1 marker/);
    expect(readFileSync(file(), 'utf8')).toBe('hello, this is not a log at all');
  });
});
