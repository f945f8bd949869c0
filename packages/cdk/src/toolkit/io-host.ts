/**
 * What the toolkit says, printed for a person: progress and results to `out`, warnings and errors to `err`; debug
 * and trace messages are kept only for explaining a failure. Confirmations (destroy) are answered by `confirm`.
 */

/** The toolkit's messages, as far as they are read here. */
interface Message {
  readonly level: string;
  readonly code?: string | undefined;
  readonly message: string;
}

/** An IIoHost of @aws-cdk/toolkit-lib, with what was seen. */
export interface PrintingIoHost {
  notify(msg: Message): Promise<void>;
  requestResponse<T>(msg: Message & { readonly defaultResponse: T }): Promise<T>;
  /** The toolkit's debug line about finding the account, if any. */
  readonly accountLookup: string | undefined;
}

/** Options of {@link printingIoHost}. */
export interface IoHostOptions {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Answers a yes/no question (destroy's confirmation). */
  readonly confirm: (question: string) => Promise<boolean>;
}

/**
 * An IoHost that prints.
 *
 * @example
 * const ioHost = printingIoHost({ out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), confirm: async () => true });
 */
export function printingIoHost(options: IoHostOptions): PrintingIoHost {
  let accountLookup: string | undefined;
  return {
    get accountLookup() {
      return accountLookup;
    },
    async notify(msg: Message): Promise<void> {
      if (msg.message.startsWith('Unable to determine the default AWS account')) accountLookup = msg.message;
      if (msg.level === 'info' || msg.level === 'result') options.out(`${msg.message}\n`);
      else if (msg.level === 'warn' || msg.level === 'error') options.err(`${msg.message}\n`);
    },
    async requestResponse<T>(msg: Message & { readonly defaultResponse: T }): Promise<T> {
      if (typeof msg.defaultResponse === 'boolean') return (await options.confirm(msg.message)) as T;
      return msg.defaultResponse;
    },
  };
}
