import { Match, type Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';

/** The logical id of the one resource of `type` whose properties match. */
export function logicalId(template: Template, type: string, properties: object): string {
  const found = Object.keys(template.findResources(type, { Properties: Match.objectLike(properties) }));
  expect(found, `${type} ${JSON.stringify(properties)}`).toHaveLength(1);
  return found[0]!;
}

/** The inline statements of the role of the function deployed as `name` (its only policy, `lambdaport`). */
export function statementsOf(template: Template, name: string): unknown[] {
  const fn = template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: name } });
  const roleId = (Object.values(fn)[0] as { Properties: { Role: { 'Fn::GetAtt': [string, string] } } }).Properties.Role[
    'Fn::GetAtt'
  ][0];
  const role = template.toJSON().Resources[roleId] as {
    Properties: {
      Policies: { PolicyName: string; PolicyDocument: { Statement: unknown[] } }[];
      ManagedPolicyArns?: unknown;
    };
  };
  expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  expect(role.Properties.Policies.map((p) => p.PolicyName)).toEqual(['lambdaport']);
  return role.Properties.Policies[0]!.PolicyDocument.Statement;
}
