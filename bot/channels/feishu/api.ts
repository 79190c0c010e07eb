// Calls to the Feishu open platform through the SDK Client, with the platform's failure modes
// handled in one place: expired token → drop it and retry once; 429/99991400/230020 → back off
// and retry a few times, then hand the retry to the job queue; 230002 and other request errors →
// a non-retryable ChannelError (logged, dropped, no retry storm).
import type * as lark from "@larksuiteoapi/node-sdk";
import { ChannelError } from "../../infra/errors.js";
import type { Logger } from "../../../knowledge/infra/logger.js";
import { createSdkClient, type TokenCache } from "./sdk.js";
import type { FeishuMessage } from "./card.js";

const TOKEN_INVALID = new Set([99991661, 99991663, 99991668, 99991677]);
const RATE_LIMITED = new Set([99991400, 230020]);
/** Codes that are the caller's problem and will fail the same way on every retry. */
const NOT_RETRYABLE_PREFIX = [230, 99992];

export interface ApiFailure {
  status?: number;
  code?: number;
  msg: string;
  resetSec?: number;
}

export function describeFailure(e: unknown): ApiFailure {
  const err = e as {
    response?: { status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, string> };
    message?: string;
  };
  if (err?.response) {
    const reset = Number(err.response.headers?.["x-ogw-ratelimit-reset"]);
    return {
      status: err.response.status,
      code: err.response.data?.code,
      msg: err.response.data?.msg ?? err.message ?? "request failed",
      resetSec: Number.isFinite(reset) ? reset : undefined,
    };
  }
  return { msg: err?.message ?? String(e) };
}

export interface RetryPolicy {
  rateLimitRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { rateLimitRetries: 3, baseDelayMs: 250, maxDelayMs: 5000 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FeishuApi {
  readonly client: lark.Client;
  private readonly tokens: TokenCache;
  private botOpenIdPromise: Promise<string> | null = null;

  constructor(
    private readonly opts: { appId: string; appSecret: string; domain: string; logger: Logger; retry?: RetryPolicy },
  ) {
    ({ client: this.client, tokens: this.tokens } = createSdkClient(opts));
  }

  private get retry(): RetryPolicy {
    return this.opts.retry ?? DEFAULT_RETRY;
  }

  /** Runs one API call; resolves with `data` of a code-0 response, throws ChannelError otherwise. */
  async call<T>(
    op: string,
    fn: () => Promise<{ code?: number; msg?: string; data?: T } | undefined>,
  ): Promise<T | undefined> {
    let tokenRetried = false;
    let rateRetries = 0;
    for (;;) {
      let failure: ApiFailure;
      try {
        const res = await fn();
        if (res && (res.code === 0 || res.code === undefined)) return res.data;
        failure = { status: 200, code: res?.code, msg: res?.msg ?? "unexpected response" };
      } catch (e) {
        failure = describeFailure(e);
      }
      const code = failure.code ?? 0;
      if (TOKEN_INVALID.has(code) && !tokenRetried) {
        tokenRetried = true;
        this.tokens.clear();
        this.opts.logger.info({ op, code }, "feishu token rejected; refreshing");
        continue;
      }
      if ((failure.status === 429 || RATE_LIMITED.has(code)) && rateRetries < this.retry.rateLimitRetries) {
        const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** rateRetries);
        const wait =
          failure.resetSec !== undefined ? Math.min(this.retry.maxDelayMs, failure.resetSec * 1000) : backoff;
        rateRetries += 1;
        this.opts.logger.warn(
          { op, code, status: failure.status, waitMs: wait, attempt: rateRetries },
          "feishu rate limited; backing off",
        );
        await sleep(wait * (0.8 + Math.random() * 0.4));
        continue;
      }
      throw this.toError(op, failure);
    }
  }

  private toError(op: string, f: ApiFailure): ChannelError {
    const code = f.code ?? 0;
    const limited = f.status === 429 || RATE_LIMITED.has(code);
    const clientError =
      !limited &&
      f.status !== undefined &&
      f.status < 500 &&
      NOT_RETRYABLE_PREFIX.some((p) => String(code).startsWith(String(p)));
    const retryable = !clientError && !(code === 230002);
    const err = new ChannelError(
      `FEISHU_${code || f.status || "NETWORK"}`,
      `feishu ${op} failed: ${code ? `${code} ` : ""}${f.msg}`,
      { retryable },
    );
    if (code === 230002) this.opts.logger.warn({ op, code }, "bot is not in the chat; message dropped");
    else this.opts.logger.warn({ op, code, status: f.status, retryable, msg: f.msg }, "feishu call failed");
    return err;
  }

  /** The bot's own open_id (GET /open-apis/bot/v3/info, flat `bot` field), fetched once. */
  botOpenId(): Promise<string> {
    if (!this.botOpenIdPromise) {
      this.botOpenIdPromise = this.fetchBotOpenId().catch((e) => {
        this.botOpenIdPromise = null; // try again next time
        throw e;
      });
    }
    return this.botOpenIdPromise;
  }

  private async fetchBotOpenId(): Promise<string> {
    let openId = "";
    await this.call("bot.info", async () => {
      const res = (await this.client.request({ method: "GET", url: "/open-apis/bot/v3/info" })) as {
        code?: number;
        msg?: string;
        bot?: { open_id?: string };
      };
      openId = res?.bot?.open_id ?? "";
      return res;
    });
    if (!openId) throw new ChannelError("FEISHU_BOT_INFO", "bot info has no open_id");
    return openId;
  }

  async create(receiveIdType: "chat_id" | "open_id", receiveId: string, msg: FeishuMessage, uuid: string) {
    return this.call("message.create", () =>
      this.client.im.message.create({
        params: { receive_id_type: receiveIdType },
        data: { receive_id: receiveId, msg_type: msg.msgType, content: msg.content, uuid },
      }),
    );
  }

  async reply(messageId: string, msg: FeishuMessage, uuid: string) {
    return this.call("message.reply", () =>
      this.client.im.message.reply({
        path: { message_id: messageId },
        data: { msg_type: msg.msgType, content: msg.content, uuid },
      }),
    );
  }

  async patch(messageId: string, content: string) {
    await this.call("message.patch", () =>
      this.client.im.message.patch({ path: { message_id: messageId }, data: { content } }),
    );
  }

  /** The group's owner (open_id), or null when the platform does not say. */
  async chatOwner(chatId: string): Promise<string | null> {
    const data = await this.call(
      "chat.get",
      async () =>
        (await this.client.request({
          method: "GET",
          url: `/open-apis/im/v1/chats/${encodeURIComponent(chatId)}`,
          params: { user_id_type: "open_id" },
        })) as {
          code?: number;
          msg?: string;
          data?: { owner_id?: string };
        },
    );
    return data?.owner_id ?? null;
  }

  /** Delayed card update with a callback token (no generated SDK method: client.request). */
  async updateCardByToken(token: string, card: unknown) {
    await this.call(
      "card.update",
      async () =>
        (await this.client.request({
          method: "POST",
          url: "/open-apis/interactive/v1/card/update",
          data: { token, card },
        })) as { code?: number; msg?: string },
    );
  }
}
