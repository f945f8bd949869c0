/**
 * The ARNs a policy names, in a target's partition, region and account (strings, so CDK tokens pass through).
 */
import { aliasName } from 'lambdaport/names';
import type { PolicyTarget } from './types.js';

function prefix(service: string, target: PolicyTarget): string {
  return `arn:${target.partition ?? 'aws'}:${service}:${target.region}:${target.accountId}`;
}

/** `arn:aws:lambda:<region>:<account>:function:<name>:v<major>`: what a caller of that major invokes. */
export function aliasArn(target: PolicyTarget, deployedName: string, major: number): string {
  return `${prefix('lambda', target)}:function:${deployedName}:${aliasName(major)}`;
}

/** `arn:aws:ssm:<region>:<account>:parameter/lambdaport/<stage>/<service>`: an SSM path (`/` not doubled). */
export function ssmPathArn(target: PolicyTarget, ssmPath: string): string {
  return `${prefix('ssm', target)}:parameter/${ssmPath.replace(/^\/+/, '')}`;
}

/** A table's ARN and its indexes' (`<table ARN>/index/*`). */
export function tableArns(target: PolicyTarget, tableName: string): [string, string] {
  const arn = `${prefix('dynamodb', target)}:table/${tableName}`;
  return [arn, `${arn}/index/*`];
}

/** `arn:aws:events:<region>:<account>:event-bus/<bus>`. */
export function eventBusArn(target: PolicyTarget, busName: string): string {
  return `${prefix('events', target)}:event-bus/${busName}`;
}

/** `arn:aws:sqs:<region>:<account>:<queue>`. */
export function queueArn(target: PolicyTarget, queueName: string): string {
  return `${prefix('sqs', target)}:${queueName}`;
}

/** The log streams of `/aws/lambda/<deployed name>`: `arn:aws:logs:<region>:<account>:log-group:/aws/lambda/<name>:*`. */
export function logGroupArn(target: PolicyTarget, deployedName: string): string {
  return `${prefix('logs', target)}:log-group:${logGroupName(deployedName)}:*`;
}

/**
 * The log group of a function: `/aws/lambda/<deployed name>`.
 *
 * @example
 * logGroupName('dev-records-get-27ab43'); // '/aws/lambda/dev-records-get-27ab43'
 */
export function logGroupName(deployedName: string): string {
  return `/aws/lambda/${deployedName}`;
}
