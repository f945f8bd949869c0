/**
 * The order of stacks: a subscriber's stack depends on the stack owning the bus its rules are on (the toolkit deploys
 * the publisher first); a cycle between two services is left unordered with a warning on the stack.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Stack } from 'aws-cdk-lib/core';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/app.js';
import { prepareServices } from '../../src/prepare/prepare.js';
import { prepareEventFixtures } from '../support/events.js';
import { serviceDir } from '../support/service-dir.js';

const outdir = () => mkdtempSync(path.join(tmpdir(), 'lambdaport-cdk-order-'));
const dependencies = (stack: Stack) => stack.dependencies.map((s) => s.stackName);

describe('the order of stacks', () => {
  it("makes the subscriber's stack depend on the publisher's, whatever the order of the dirs", async () => {
    const services = await prepareEventFixtures();
    for (const order of [services, [...services].reverse()]) {
      // once with the CDK's CloudFormation validation (slow): the events resources make valid templates
      const app = buildApp(order, { outdir: outdir(), validation: order === services });
      expect(dependencies(app.node.findChild('dev-mailer') as Stack)).toEqual(['dev-shop']);
      expect(dependencies(app.node.findChild('dev-shop') as Stack)).toEqual([]);
      const manifest = app.synth().getStackByName('dev-mailer').manifest;
      expect(manifest.dependencies).toContain('dev-shop');
    }
  }, 120_000);

  it('leaves a cycle (each subscribes to the other) unordered on one side, with a warning naming both', async () => {
    const fn = { handler: 'src/handlers.ts#handler' };
    const a = serviceDir({
      service: 'alpha',
      events: { Pinged: {} },
      functions: { on: { ...fn, subscribe: ['beta.Ponged'] } },
    });
    const b = serviceDir({
      service: 'beta',
      events: { Ponged: {} },
      functions: { on: { ...fn, subscribe: ['alpha.Pinged'] } },
    });
    const app = buildApp(await prepareServices([a, b], { stage: 'qa' }), { outdir: outdir(), validation: false });
    const alpha = app.node.findChild('qa-alpha') as Stack;
    const beta = app.node.findChild('qa-beta') as Stack;
    expect(dependencies(alpha)).toEqual(['qa-beta']);
    expect(dependencies(beta)).toEqual([]);
    const warnings = app
      .synth()
      .getStackByName('qa-beta')
      .messages.filter((m) => m.level === 'warning')
      .map((m) => String(m.entry.data));
    expect(warnings).toEqual([expect.stringMatching(/beta has rules on the bus qa-alpha of alpha.*not ordered/)]);
  }, 120_000);
});
