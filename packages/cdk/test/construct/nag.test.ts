/**
 * cdk-nag's AwsSolutions rules on the examples' stacks (and the majors and events fixtures: buses, rules, queues): no
 * error, and every finding the construct acknowledges carries its reason.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareServices } from '../../src/prepare/prepare.js';
import type { PreparedService } from '../../src/prepare/types.js';
import { EVENT_FIXTURES } from '../support/events.js';
import { EXAMPLES, exampleStacks } from '../support/examples.js';

let services: PreparedService[];
beforeAll(async () => {
  services = await prepareServices(
    [...EXAMPLES, path.join(import.meta.dirname, '../fixtures/majors'), ...EVENT_FIXTURES],
    {
      stage: 'dev',
    },
  );
}, 120_000);

/** Synthesizes the stacks with AwsSolutionsChecks; returns the assembly dir or throws the validation failure. */
function synthWithNag(change?: (stacks: ReturnType<typeof exampleStacks>) => void): string {
  const built = exampleStacks(services);
  change?.(built);
  Validations.of(built.app).addPlugins(new AwsSolutionsChecks(built.app));
  return built.app.synth({ force: true }).directory;
}

describe('cdk-nag AwsSolutions', () => {
  it('finds no error in the stacks of the examples', () => {
    const directory = synthWithNag();
    const report = JSON.parse(readFileSync(path.join(directory, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations?: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
  });

  it('acknowledges only wildcard log streams, table indexes and the runtime rule, each with a reason', () => {
    const { stacks } = exampleStacks(services);
    const acknowledged = [...stacks.values()].flatMap((stack) =>
      stack.node
        .findAll()
        .flatMap((construct) =>
          construct.node.metadata
            .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
            .flatMap((entry) => Object.entries(entry.data as Record<string, string>)),
        ),
    );
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [rule, reason] of acknowledged) {
      expect(rule).toMatch(
        /AwsSolutions-IAM5\[Resource::.*(:log-group:\/aws\/lambda\/[^:]+:\*|\/index\/\*)\]$|AwsSolutions-L1$/,
      );
      expect(reason.length, rule).toBeGreaterThan(40);
    }
  });

  it('still fails a wildcard the construct did not put there (the checks run)', () => {
    expect(() =>
      synthWithNag(({ stacks }) => {
        const records = stacks.get('records')!;
        const fn = records.node.findAll().find((c) => c.node.path.endsWith('/get/Role'));
        (fn as unknown as { addToPrincipalPolicy(s: PolicyStatement): void }).addToPrincipalPolicy(
          new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'] }),
        );
      }),
    ).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  });
});
