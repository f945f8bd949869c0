/**
 * One function per major, a `provided` function and the settings the examples leave at their defaults
 * (fixtures/majors: `get` serves v2 and keeps v1; `native` runs a bootstrap).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { deployedName, olderMajorDeployedName } from 'lambdaport/names';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareServices } from '../../src/prepare/prepare.js';
import type { PreparedService } from '../../src/prepare/types.js';
import { templates } from '../support/examples.js';

const DIR = path.join(import.meta.dirname, '../fixtures/majors');
const CURRENT = deployedName('qa', 'majors', 'get');
const OLDER = olderMajorDeployedName('qa', 'majors', 'get', 1);
const NATIVE = deployedName('qa', 'majors', 'native');
let prepared: PreparedService;
let template: Template;
beforeAll(async () => {
  [prepared] = (await prepareServices([DIR], { stage: 'qa' })) as [PreparedService];
  template = templates([prepared]).get('majors')!;
}, 120_000);

function functionId(name: string): string {
  return Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: name } }))[0]!;
}

describe('a function keeping an older major', () => {
  it('is two functions: the current major under the canonical name, the older under its -v1- name, each with its code', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: CURRENT,
      Runtime: 'nodejs24.x',
      MemorySize: 512,
      ReservedConcurrentExecutions: 5,
      Environment: { Variables: { API_MAJOR: '2', SELF: CURRENT, LAMBDAPORT_STAGE: 'qa' } },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: OLDER,
      Runtime: 'nodejs24.x',
      MemorySize: 512,
      ReservedConcurrentExecutions: 5,
      Environment: { Variables: { API_MAJOR: '1', SELF: CURRENT, LAMBDAPORT_STAGE: 'qa' } },
    });
    expect(prepared.code.get(CURRENT)?.assetDir).not.toBe(prepared.code.get(OLDER)?.assetDir);
  });

  it('gives each its alias (v2, v1) and the SSM names: the function, /v2 → the current alias, /v1 → the older one', () => {
    const alias = (fn: string, name: string) =>
      Object.keys(
        template.findResources('AWS::Lambda::Alias', {
          Properties: Match.objectLike({ Name: name, FunctionName: { Ref: fn } }),
        }),
      )[0]!;
    const v2 = alias(functionId(CURRENT), 'v2');
    const v1 = alias(functionId(OLDER), 'v1');
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/lambdaport/qa/majors/get',
      Value: { 'Fn::GetAtt': [functionId(CURRENT), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/lambdaport/qa/majors/get/v2', Value: { Ref: v2 } });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/lambdaport/qa/majors/get/v1', Value: { Ref: v1 } });
    // native's two, and no `/get` for the older major
    template.resourceCountIs('AWS::SSM::Parameter', 5);
  });

  it('keeps the Function URL (AWS_IAM) on the current major only', () => {
    template.resourceCountIs('AWS::Lambda::Url', 1);
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'AWS_IAM',
      TargetFunctionArn: { 'Fn::GetAtt': [functionId(CURRENT), 'Arn'] },
    });
  });
});

describe('a provided function', () => {
  it('runs provided.al2023 with its executable bootstrap at the root of its code', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: NATIVE,
      Runtime: 'provided.al2023',
      Handler: 'bin/bootstrap',
    });
    const code = prepared.code.get(NATIVE)!;
    const bootstrap = path.join(code.assetDir, 'bootstrap');
    expect(existsSync(bootstrap)).toBe(true);
    expect(statSync(bootstrap).mode & 0o111).toBe(0o111);
  });
});
