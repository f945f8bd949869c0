import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LambdaportService } from '../../src/index.js';
import { prepareServices } from '../../src/prepare/prepare.js';
import type { PreparedService } from '../../src/prepare/types.js';

/** The examples' dirs. */
export const EXAMPLES = ['records', 'orders'].map((name) =>
  path.resolve(import.meta.dirname, '../../../../examples', name),
);

/** The examples in `stage`, prepared (loaded and bundled) once per test file. */
export function prepareExamples(stage = 'dev'): Promise<PreparedService[]> {
  return prepareServices(EXAMPLES, {
    stage,
    bundleDir: (service) => path.join(service.dir, '.lambdaport', 'test-deploy', stage),
  });
}

/** An app with one stack per service (`<stage>-<service>`), as the CLI builds it, without CDK's template validation. */
export function exampleStacks(services: readonly PreparedService[]): { app: App; stacks: Map<string, Stack> } {
  const app = new App({ builtinCloudFormationValidation: false });
  const stacks = new Map<string, Stack>();
  for (const prepared of services) {
    const stack = new Stack(app, `${prepared.service.stage}-${prepared.service.service}`);
    new LambdaportService(stack, 'Service', { prepared });
    stacks.set(prepared.service.service, stack);
  }
  return { app, stacks };
}

/** The synthesized templates of the examples, by service. */
export function templates(services: readonly PreparedService[]): Map<string, Template> {
  const { stacks } = exampleStacks(services);
  return new Map([...stacks].map(([name, stack]) => [name, Template.fromStack(stack)]));
}

/** `arn:${Partition}:<service>:${Region}:${AccountId}:<rest>` as the template writes it. */
export function arn(service: string, rest: string): unknown {
  return {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        `:${service}:`,
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        `:${rest}`,
      ],
    ],
  };
}
