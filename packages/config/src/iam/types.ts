/**
 * The IAM policy documents of a service's functions, as plain JSON, with the config origin of every statement.
 */

/** One `Allow` statement of an identity-based policy. */
export interface PolicyStatement {
  /** Stable within the function's policy, derived from the config (`InvokeRecordsGetV1`, `TableReadRecords`). */
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
}

/** An IAM policy document (`2012-10-17`). */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** Why a statement exists: the config keys it comes from. */
export interface StatementOrigin {
  /** What the config grants, in words: `calls records.get@v1`, `tables.records: read`, `its own log group`. */
  readonly grant: string;
  /**
   * Key paths in the config file, dotted (`functions.create.calls[0]`); several when config entries share a statement
   * (two `calls` entries of one service share its SSM statement).
   */
  readonly paths: readonly string[];
}

/** The policy of one function (one per API major, see "one function per major"). */
export interface FunctionPolicy {
  /** `records.get` (the same for every major of the function). */
  readonly friendlyName: string;
  /** The key path of the function in its config: `functions.get`; add permissions under it. */
  readonly keyPath: string;
  /** The API major this function serves. */
  readonly major: number;
  /** Its deployed name: the role's identity (`assumed-role/<role>/<deployed name>`). */
  readonly deployedName: string;
  /** Absolute path of the config file declaring it. */
  readonly configFile: string;
  /** The policy, inline on the function's own role. */
  readonly document: PolicyDocument;
  /** Each statement's origin, by `Sid`. */
  readonly origins: Readonly<Record<string, StatementOrigin>>;
}

/** Where the policies apply: plain strings, so CDK tokens (`Aws.REGION`) work as well as literal values. */
export interface PolicyTarget {
  readonly region: string;
  readonly accountId: string;
  /** Default `aws`. */
  readonly partition?: string | undefined;
}
