// Typed errors with a code. What users see comes from bot/conversation/messages.ts, never from these.

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly options: { retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
  get retryable(): boolean {
    return this.options.retryable ?? true;
  }
}

/**
 * Thrown by a ChannelSender. `retryable: false` (e.g. Feishu 230002 "bot not in chat") makes the
 * inbound worker give up on the job at once instead of retrying it.
 */
export class ChannelError extends AppError {}

/** Redis / store failures. */
export class StoreError extends AppError {}
