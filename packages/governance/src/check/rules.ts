/**
 * The rules table of `lambdaport check`: every kind of difference between a locked contract and the current one,
 * whether it breaks callers, and why. docs/compatibility.md shows this table (generated from it, checked by a test).
 * Values flow two ways: callers send the input (a change that refuses something they sent breaks them) and receive
 * the output and the data of declared errors (a change that returns something they would refuse breaks them).
 * This file is longer than 400 lines because the table is one list, read top to bottom, that docs/compatibility.md
 * shows in the same order: split, it would be harder to review as a whole.
 */
import type { SchemaChangeKind } from './schema-diff/types.js';

/** Whether a difference breaks callers built against the locked contract. */
export type Verdict = 'breaking' | 'safe';

/** What part of a contract a rule is about. */
export type RulePart = 'input' | 'output' | 'errors' | 'idempotency' | 'function';

/** One row of the rules table. */
export interface Rule {
  readonly id: string;
  readonly part: RulePart;
  /** The change, in words. */
  readonly change: string;
  readonly verdict: Verdict;
  /** Why it breaks callers, or why it does not. */
  readonly why: string;
}

/**
 * Every rule, in the order of the table.
 *
 * @example
 * RULES.find((r) => r.id === 'input.field-added-required')?.verdict // 'breaking'
 */
export const RULES = [
  {
    id: 'input.field-added-required',
    part: 'input',
    verdict: 'breaking',
    change: 'a required field added',
    why: 'callers built against the locked contract do not send it, so their calls are refused; add it as optional (with a default) instead',
  },
  {
    id: 'input.field-added-optional',
    part: 'input',
    verdict: 'safe',
    change: 'an optional field added',
    why: 'callers need not send it',
  },
  {
    id: 'input.field-made-required',
    part: 'input',
    verdict: 'breaking',
    change: 'an optional field made required',
    why: 'callers that leave it out are refused',
  },
  {
    id: 'input.field-made-optional',
    part: 'input',
    verdict: 'safe',
    change: 'a required field made optional',
    why: 'callers that send it still may',
  },
  {
    id: 'input.strict-field-removed',
    part: 'input',
    verdict: 'breaking',
    change:
      'a field removed from an input that refuses unknown fields (`additionalProperties: false`, a strict object)',
    why: 'callers still sending it are refused for sending an unknown field',
  },
  {
    id: 'input.field-removed',
    part: 'input',
    verdict: 'safe',
    change: 'a field removed from an input that accepts unknown fields',
    why: 'callers still sending it are not refused: the field is ignored (zod strips it); its meaning is gone, so tell them',
  },
  {
    id: 'input.type-narrowed',
    part: 'input',
    verdict: 'breaking',
    change: 'fewer types accepted (`number` → `integer`, a type dropped from a union of types)',
    why: 'callers sending a value of a dropped type are refused',
  },
  {
    id: 'input.type-widened',
    part: 'input',
    verdict: 'safe',
    change: 'more types accepted',
    why: 'whatever callers sent is still accepted',
  },
  {
    id: 'input.type-changed',
    part: 'input',
    verdict: 'breaking',
    change: 'another type (`string` → `number`)',
    why: 'what callers send is refused',
  },
  {
    id: 'input.null-removed',
    part: 'input',
    verdict: 'breaking',
    change: 'made non-nullable',
    why: 'callers sending `null` are refused',
  },
  {
    id: 'input.null-added',
    part: 'input',
    verdict: 'safe',
    change: 'made nullable',
    why: 'callers need not send `null`',
  },
  {
    id: 'input.enum-narrowed',
    part: 'input',
    verdict: 'breaking',
    change: 'a value removed from an enumeration (or a constant), or a field restricted to some values',
    why: 'callers sending a removed value are refused',
  },
  {
    id: 'input.enum-widened',
    part: 'input',
    verdict: 'safe',
    change: 'a value added to an enumeration',
    why: 'the values callers send are still accepted',
  },
  {
    id: 'input.range-narrowed',
    part: 'input',
    verdict: 'breaking',
    change:
      'a bound tightened or added: `minimum`, `maximum` (exclusive too), `minLength`, `maxLength`, `minItems`, `maxItems`, `minProperties`, `maxProperties`, `multipleOf`, `pattern`, `format`, `uniqueItems`',
    why: 'callers sending a value inside the old bounds but outside the new ones are refused',
  },
  {
    id: 'input.range-widened',
    part: 'input',
    verdict: 'safe',
    change: 'a bound loosened or removed',
    why: 'values inside the old bounds are inside the new ones',
  },
  {
    id: 'input.constraint-changed',
    part: 'input',
    verdict: 'breaking',
    change: 'a `pattern`, `format` or `multipleOf` replaced by one that does not contain it',
    why: 'values matching the old constraint may fail the new one',
  },
  {
    id: 'input.made-strict',
    part: 'input',
    verdict: 'breaking',
    change: 'unknown fields refused (`additionalProperties: false` added)',
    why: 'callers sending a field the contract does not name are refused',
  },
  {
    id: 'input.made-lenient',
    part: 'input',
    verdict: 'safe',
    change: 'unknown fields accepted',
    why: 'nothing callers sent is refused',
  },
  {
    id: 'input.variant-removed',
    part: 'input',
    verdict: 'breaking',
    change: 'an alternative of a union (`anyOf`, `oneOf`, a discriminated union) removed',
    why: 'callers sending that alternative are refused',
  },
  {
    id: 'input.variant-added',
    part: 'input',
    verdict: 'safe',
    change: 'an alternative added to a union',
    why: 'the alternatives callers send are still accepted',
  },
  {
    id: 'input.unrecognized',
    part: 'input',
    verdict: 'breaking',
    change: 'any other change (a keyword the gate does not model: `not`, `if`, `allOf`, `patternProperties`, ...)',
    why: 'the gate cannot show that it is safe; review it, and accept it with `--update` when it is',
  },
  {
    id: 'output.field-added',
    part: 'output',
    verdict: 'safe',
    change: 'a field added (required or optional)',
    why: "callers' clients ignore fields their contract does not name (a `z.object` strips them); a strict output object (`z.strictObject`) would refuse them, and an output's JSON Schema cannot show which it is: keep outputs non-strict",
  },
  {
    id: 'output.field-removed',
    part: 'output',
    verdict: 'breaking',
    change: 'a field removed',
    why: "callers reading it get nothing, and their client's validation of the response fails when it was required",
  },
  {
    id: 'output.field-made-optional',
    part: 'output',
    verdict: 'breaking',
    change: 'a required field made optional',
    why: "a response without it fails callers' validation (an `InvalidResponseError`), and their code expects it",
  },
  {
    id: 'output.field-made-required',
    part: 'output',
    verdict: 'safe',
    change: 'an optional field made required',
    why: 'callers accept it present',
  },
  {
    id: 'output.type-widened',
    part: 'output',
    verdict: 'breaking',
    change: 'more types returned',
    why: "a value of a new type fails callers' validation",
  },
  {
    id: 'output.type-narrowed',
    part: 'output',
    verdict: 'safe',
    change: 'fewer types returned',
    why: 'every value returned was acceptable before',
  },
  {
    id: 'output.type-changed',
    part: 'output',
    verdict: 'breaking',
    change: 'another type',
    why: "what is returned fails callers' validation",
  },
  {
    id: 'output.null-added',
    part: 'output',
    verdict: 'breaking',
    change: 'made nullable',
    why: "`null` fails callers' validation, and their code does not expect it",
  },
  {
    id: 'output.null-removed',
    part: 'output',
    verdict: 'safe',
    change: 'made non-nullable',
    why: 'callers handled values other than null already',
  },
  {
    id: 'output.enum-widened',
    part: 'output',
    verdict: 'breaking',
    change: 'a value added to an enumeration',
    why: "the new value fails callers' validation, and their code has no case for it",
  },
  {
    id: 'output.enum-narrowed',
    part: 'output',
    verdict: 'safe',
    change: 'a value removed from an enumeration',
    why: 'the values returned were all acceptable before',
  },
  {
    id: 'output.range-widened',
    part: 'output',
    verdict: 'breaking',
    change: 'a bound loosened or removed',
    why: "a value outside the old bounds fails callers' validation",
  },
  {
    id: 'output.range-narrowed',
    part: 'output',
    verdict: 'safe',
    change: 'a bound tightened or added',
    why: 'values inside the new bounds were inside the old ones',
  },
  {
    id: 'output.constraint-changed',
    part: 'output',
    verdict: 'breaking',
    change: 'a `pattern`, `format` or `multipleOf` replaced by one that does not contain it',
    why: "a value matching the new constraint may fail callers' validation",
  },
  {
    id: 'output.variant-added',
    part: 'output',
    verdict: 'breaking',
    change: 'an alternative added to a union',
    why: "callers' validation and code do not know it",
  },
  {
    id: 'output.variant-removed',
    part: 'output',
    verdict: 'safe',
    change: 'an alternative removed from a union',
    why: 'the alternatives returned were all acceptable before',
  },
  {
    id: 'output.unrecognized',
    part: 'output',
    verdict: 'breaking',
    change: 'any other change',
    why: 'the gate cannot show that it is safe; review it, and accept it with `--update` when it is',
  },
  {
    id: 'errors.removed',
    part: 'errors',
    verdict: 'breaking',
    change: 'a declared error removed',
    why: 'callers that handle it by name (`RecordNotFound.is(e)`) never see it again: the case now ends some other way',
  },
  {
    id: 'errors.renamed',
    part: 'errors',
    verdict: 'breaking',
    change: 'a declared error renamed (one removed, one added with the same data schema)',
    why: 'the name is the `errorType` on the wire that callers match',
  },
  {
    id: 'errors.added',
    part: 'errors',
    verdict: 'safe',
    change: 'a declared error added',
    why: 'callers built against the locked contract receive it as a `RemoteFunctionError` with its `errorType` and message: the path every caller already has for undeclared failures (a crash, a time-out); tell them, so they can handle it by name',
  },
  {
    id: 'idempotency.lost',
    part: 'idempotency',
    verdict: 'breaking',
    change: '`idempotent: true` → false',
    why: "callers' clients retry time-outs and server errors of an idempotent function: they would repeat a mutation",
  },
  {
    id: 'idempotency.gained',
    part: 'idempotency',
    verdict: 'safe',
    change: '`idempotent` false → true',
    why: 'callers that did not retry still work',
  },
  {
    id: 'function.added',
    part: 'function',
    verdict: 'safe',
    change: 'a function added',
    why: 'no caller depends on it yet',
  },
  {
    id: 'function.removed',
    part: 'function',
    verdict: 'breaking',
    change: 'a function removed (every major)',
    why: 'its callers fail with `FunctionNotFoundError`; accept the removal with `--update` once no caller remains',
  },
  {
    id: 'function.major-added',
    part: 'function',
    verdict: 'safe',
    change: 'a new major served (`version` bumped)',
    why: 'callers of the older major keep calling it while it is served (`versions`)',
  },
  {
    id: 'function.major-removed',
    part: 'function',
    verdict: 'safe',
    change: 'an older major no longer served, called by no service given',
    why: 'no caller among the services checked calls it (callers outside them are not seen: check with all of them)',
  },
  {
    id: 'function.major-removed-while-called',
    part: 'function',
    verdict: 'breaking',
    change: 'a major no longer served while services given call it (`calls`: `<service>.<function>@v<N>`)',
    why: 'those callers fail with `FunctionNotFoundError`; keep the major in `versions` until they move',
  },
] as const satisfies readonly Rule[];

/** The id of a rule. */
export type RuleId = (typeof RULES)[number]['id'];

/** Which way values flow through a schema: callers send the input, and receive the output and error data. */
export type Flow = 'input' | 'output';

/**
 * The rule a schema change falls under, for values flowing `flow`; undefined when the change does not matter that
 * way (whether an output refuses unknown fields: callers ignore them anyway).
 *
 * @example
 * schemaRule('field-made-optional', 'output') // 'output.field-made-optional'
 */
export function schemaRule(kind: SchemaChangeKind, flow: Flow): RuleId | undefined {
  if (flow === 'input') return `input.${kind}`;
  switch (kind) {
    case 'field-added-required':
    case 'field-added-optional':
      return 'output.field-added';
    case 'strict-field-removed':
      return 'output.field-removed';
    case 'made-strict':
    case 'made-lenient':
      return undefined;
    default:
      return `output.${kind}`;
  }
}

/**
 * The rule with this id.
 *
 * @example
 * ruleById('errors.added').verdict // 'safe'
 */
export function ruleById(id: RuleId): Rule {
  return RULES.find((rule) => rule.id === id)!;
}
