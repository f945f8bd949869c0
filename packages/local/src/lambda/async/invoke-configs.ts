/**
 * Event invoke configs (retries, maximum event age, destinations) per function and qualifier: the base comes from
 * the service config's `async` key (it applies to every qualifier of the function); the event invoke config API
 * stores configs per qualifier on top of it, kept in `<state>/events/invoke-configs.json` (in memory when
 * `--ephemeral`). See docs/design/async-events.md.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Defaults AWS applies when nothing is configured. */
export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 2;
export const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 21_600;

/** An event invoke config as the API carries it (AWS's field names). */
export interface InvokeConfigFields {
  readonly MaximumRetryAttempts?: number | undefined;
  readonly MaximumEventAgeInSeconds?: number | undefined;
  readonly DestinationConfig?:
    | {
        readonly OnSuccess?: { readonly Destination?: string | undefined } | undefined;
        readonly OnFailure?: { readonly Destination?: string | undefined } | undefined;
      }
    | undefined;
}

/** The config file's settings of a function: its event invoke config, and its dead-letter target. */
export interface FunctionAsyncFields extends InvokeConfigFields {
  /** The dead-letter target's ARN (AWS's `DeadLetterConfig.TargetArn`: a function setting, not the API's). */
  readonly DeadLetterTargetArn?: string | undefined;
}

/** A stored config: its fields and when it last changed (epoch seconds, as the API reports it). */
export interface StoredInvokeConfig extends InvokeConfigFields {
  readonly LastModified: number;
  /** `config` when it comes from the service config file, `api` when set through the API. */
  readonly source: 'config' | 'api';
}

/** The settings an event is delivered with. */
export interface EventInvokeSettings {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
  readonly onSuccess: string | undefined;
  readonly onFailure: string | undefined;
  /** Where a failed event goes as itself (no record): the function's dead-letter queue. */
  readonly deadLetter: string | undefined;
}

/** Options of {@link EventInvokeConfigs}. */
export interface EventInvokeConfigsOptions {
  /** Where API-set configs persist; undefined keeps them in memory. */
  readonly file: string | undefined;
  /** Function deployed name → the config from its service config (destinations as ARNs). */
  readonly fromConfig: ReadonlyMap<string, FunctionAsyncFields>;
}

/**
 * The event invoke configs of every function.
 *
 * @example
 * const configs = new EventInvokeConfigs({ file: `${state}/events/invoke-configs.json`, fromConfig });
 * configs.settings('dev-orders-record-1a2b3c', undefined).maximumRetryAttempts; // 2
 */
export class EventInvokeConfigs {
  private readonly api = new Map<string, StoredInvokeConfig>();
  private readonly base = new Map<string, StoredInvokeConfig>();
  private readonly deadLetters = new Map<string, string>();

  constructor(private readonly options: EventInvokeConfigsOptions) {
    const loadedAt = Date.now() / 1000;
    for (const [name, { DeadLetterTargetArn, ...fields }] of options.fromConfig) {
      const settings = clean(fields);
      if (Object.keys(settings).length > 0)
        this.base.set(name, { ...settings, LastModified: loadedAt, source: 'config' });
      if (DeadLetterTargetArn !== undefined) this.deadLetters.set(name, DeadLetterTargetArn);
    }
    if (options.file !== undefined && existsSync(options.file)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(options.file, 'utf8'));
      } catch (error) {
        throw new Error(
          `${options.file} (event invoke configs set through the API) is not valid JSON: ${(error as Error).message}. Fix or move it aside.`,
        );
      }
      for (const [key, value] of Object.entries(parsed as Record<string, StoredInvokeConfig>)) {
        this.api.set(key, { ...value, source: 'api' });
      }
    }
  }

  /** The config a qualifier of a function has (API-set, else the config file's), or undefined. */
  get(name: string, qualifier: string | undefined): StoredInvokeConfig | undefined {
    return this.api.get(key(name, qualifier)) ?? this.base.get(name);
  }

  /** Every config of a function: those set through the API (by qualifier), else the config file's. */
  list(name: string): { qualifier: string; config: StoredInvokeConfig }[] {
    const out: { qualifier: string; config: StoredInvokeConfig }[] = [];
    for (const [k, config] of this.api) {
      const colon = k.lastIndexOf(':');
      if (k.slice(0, colon) === name) out.push({ qualifier: k.slice(colon + 1), config });
    }
    const base = this.base.get(name);
    if (base !== undefined && !out.some((entry) => entry.qualifier === '$LATEST')) {
      out.push({ qualifier: '$LATEST', config: base });
    }
    return out;
  }

  /** Whether the API has set a config for this qualifier. */
  hasApiConfig(name: string, qualifier: string | undefined): boolean {
    return this.api.has(key(name, qualifier));
  }

  /** Stores a config set through the API (replacing the qualifier's), and persists it. */
  put(name: string, qualifier: string | undefined, fields: InvokeConfigFields): StoredInvokeConfig {
    const stored: StoredInvokeConfig = { ...clean(fields), LastModified: Date.now() / 1000, source: 'api' };
    this.api.set(key(name, qualifier), stored);
    this.persist();
    return stored;
  }

  /** Removes the qualifier's API-set config; false when there was none. */
  delete(name: string, qualifier: string | undefined): boolean {
    const removed = this.api.delete(key(name, qualifier));
    if (removed) this.persist();
    return removed;
  }

  /** The settings an event of this function and qualifier is delivered with (defaults filled in). */
  settings(name: string, qualifier: string | undefined): EventInvokeSettings {
    const config = this.get(name, qualifier);
    return {
      maximumRetryAttempts: config?.MaximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS,
      maximumEventAgeInSeconds: config?.MaximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS,
      onSuccess: config?.DestinationConfig?.OnSuccess?.Destination,
      onFailure: config?.DestinationConfig?.OnFailure?.Destination,
      deadLetter: this.deadLetters.get(name),
    };
  }

  private persist(): void {
    const file = this.options.file;
    if (file === undefined) return;
    const out: Record<string, InvokeConfigFields & { LastModified: number }> = {};
    for (const [k, { source: _source, ...config }] of this.api) out[k] = config;
    writeFileSync(`${file}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
  }
}

function key(name: string, qualifier: string | undefined): string {
  return `${name}:${qualifier ?? '$LATEST'}`;
}

function clean(fields: InvokeConfigFields): InvokeConfigFields {
  const out: {
    MaximumRetryAttempts?: number;
    MaximumEventAgeInSeconds?: number;
    DestinationConfig?: InvokeConfigFields['DestinationConfig'];
  } = {};
  if (fields.MaximumRetryAttempts !== undefined) out.MaximumRetryAttempts = fields.MaximumRetryAttempts;
  if (fields.MaximumEventAgeInSeconds !== undefined) out.MaximumEventAgeInSeconds = fields.MaximumEventAgeInSeconds;
  const onSuccess = fields.DestinationConfig?.OnSuccess?.Destination;
  const onFailure = fields.DestinationConfig?.OnFailure?.Destination;
  if (onSuccess !== undefined || onFailure !== undefined) {
    out.DestinationConfig = {
      ...(onSuccess !== undefined ? { OnSuccess: { Destination: onSuccess } } : {}),
      ...(onFailure !== undefined ? { OnFailure: { Destination: onFailure } } : {}),
    };
  }
  return out;
}
