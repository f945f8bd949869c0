/**
 * The toolkit's failures as one line each, saying what to do: no credentials, an account that cannot be found, an
 * environment that is not bootstrapped; anything else as the toolkit's own first line.
 */

/** A deploy, diff or destroy that failed; `message` is one line. */
export class DeployError extends Error {
  override readonly name = 'DeployError';
}

/** What the toolkit said while looking up the account (its debug messages), for the explanation. */
export interface ToolkitTrace {
  /** The toolkit's `Unable to determine the default AWS account (...)` message, when it logged one. */
  readonly accountLookup?: string | undefined;
}

/** A toolkit failure, classified by the toolkit's own checks (`ToolkitError.isBootstrapError` ...). */
export interface ToolkitFailure {
  readonly kind: 'bootstrap' | 'authentication' | 'other';
  readonly message: string;
  /** The account and region of a bootstrap error. */
  readonly environment?: { readonly account: string; readonly region: string } | undefined;
}

const NO_CREDENTIALS =
  'no AWS credentials found: set AWS_PROFILE or pass --profile (a profile of ~/.aws/config, e.g. after `aws sso login`), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';

/**
 * One line explaining a toolkit failure.
 *
 * @example
 * explainToolkitFailure(
 *   { kind: 'authentication', message: 'Unable to resolve AWS account to use. ...' },
 *   { accountLookup: 'Unable to determine the default AWS account (CredentialsProviderError): Could not load credentials from any providers' },
 * ); // 'no AWS credentials found: set AWS_PROFILE or pass --profile ...'
 */
export function explainToolkitFailure(failure: ToolkitFailure, trace: ToolkitTrace = {}): string {
  const { message } = failure;
  if (failure.kind === 'bootstrap' || /Has the environment been bootstrapped/.test(message)) {
    const account = failure.environment?.account ?? 'ACCOUNT';
    const region = failure.environment?.region ?? 'REGION';
    return `the AWS environment aws://${account}/${region} is not bootstrapped for the CDK: run \`npx aws-cdk bootstrap aws://${account}/${region}\` once per account and region (it creates the bucket for the code and the deploy roles), then deploy again`;
  }
  if (failure.kind === 'authentication' || /Unable to resolve AWS account/.test(message)) {
    const lookup = trace.accountLookup ?? '';
    if (lookup === '' || /Could not load credentials|CredentialsProviderError/.test(lookup)) return NO_CREDENTIALS;
    const cause = lookup.replace(/^Unable to determine the default AWS account\s*(\([^)]*\):)?\s*/, '');
    return `could not find the AWS account of your credentials (STS GetCallerIdentity failed: ${cause})`;
  }
  return (
    message
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? 'the CDK toolkit failed'
  );
}
