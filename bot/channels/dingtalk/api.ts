// DingTalk HTTP calls: sessionWebhook posts, the robot OpenAPI sends and the access token they need.
// DingTalk answers webhook errors inside HTTP 200 as {errcode, errmsg}; the v1.0 OpenAPI uses HTTP
// status codes with {code, message}. Both become a DingtalkApiError here.
import { ChannelError } from "../../infra/errors.js";
import type { DingtalkChannelConfig } from "./config.js";
import type { OpenApiMessage, WebhookMessage } from "./encode.js";

// Generous: a timeout after DingTalk has shown the message makes the job retry and show it twice.
const TIMEOUT_MS = 15_000;
/** Refresh the token this long before DingTalk says it expires. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;
/** "send too fast" style errcodes of robot webhooks: retry later rather than fall back. */
const WEBHOOK_RATE_LIMIT_CODES = new Set([130101, 130102]);

export class DingtalkApiError extends ChannelError {
  constructor(
    code: string,
    message: string,
    readonly detail: { status?: number; errcode?: number | string; rateLimited?: boolean; retryable?: boolean } = {},
  ) {
    super(code, message, { retryable: detail.retryable ?? true });
  }
}

export type FetchFn = typeof fetch;

async function postJson(
  fetchFn: FetchFn,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> | null }> {
  let res: Response;
  try {
    res = await fetchFn(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new DingtalkApiError("DINGTALK_NETWORK", `POST ${new URL(url).pathname} failed: ${(err as Error).message}`, {
      retryable: true,
    });
  }
  const text = await res.text();
  let json: Record<string, unknown> | null;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json };
}

/** POSTs to the sessionWebhook exactly as the callback gave it; resolves only on errcode 0. */
export async function postSessionWebhook(fetchFn: FetchFn, url: string, message: WebhookMessage): Promise<void> {
  const { status, json } = await postJson(fetchFn, url, message);
  if (status !== 200 || !json) {
    throw new DingtalkApiError("DINGTALK_WEBHOOK_HTTP", `sessionWebhook answered HTTP ${status}`, {
      status,
      retryable: status >= 500 || status === 429,
    });
  }
  const errcode = Number(json.errcode ?? 0);
  if (errcode !== 0) {
    const rateLimited = WEBHOOK_RATE_LIMIT_CODES.has(errcode);
    throw new DingtalkApiError(
      "DINGTALK_WEBHOOK_ERRCODE",
      `sessionWebhook errcode ${errcode}: ${String(json.errmsg ?? "")}`,
      {
        status,
        errcode,
        rateLimited,
        retryable: rateLimited,
      },
    );
  }
}

export class DingtalkOpenApi {
  private token: { value: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly config: Pick<DingtalkChannelConfig, "appKey" | "appSecret" | "robotCode" | "apiBase">,
    private readonly fetchFn: FetchFn = fetch,
    private readonly now: () => number = Date.now,
  ) {}

  /** `POST /v1.0/oauth2/accessToken`, cached until shortly before expiry; concurrent callers share one request. */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const { status, json } = await postJson(this.fetchFn, `${this.config.apiBase}/v1.0/oauth2/accessToken`, {
      appKey: this.config.appKey,
      appSecret: this.config.appSecret,
    });
    const value = json?.accessToken;
    if (status !== 200 || typeof value !== "string" || !value) {
      throw new DingtalkApiError(
        "DINGTALK_TOKEN",
        `accessToken failed: HTTP ${status} ${String(json?.code ?? "")} ${String(json?.message ?? "")}`.trim(),
        {
          status,
          retryable: status >= 500 || status === 429,
        },
      );
    }
    const ttlMs = Number(json?.expireIn ?? 7200) * 1000;
    this.token = { value, expiresAt: this.now() + Math.max(ttlMs - TOKEN_MARGIN_MS, ttlMs / 2) };
    return value;
  }

  /** Single chat: `oToMessages/batchSend` to the asker's staffId. */
  async sendToUser(staffId: string, message: OpenApiMessage): Promise<{ processQueryKey?: string }> {
    const json = await this.call("/v1.0/robot/oToMessages/batchSend", {
      robotCode: this.config.robotCode,
      userIds: [staffId],
      ...message,
    });
    const flowControlled = Array.isArray(json.flowControlledStaffIdList) ? json.flowControlledStaffIdList : [];
    const invalid = Array.isArray(json.invalidStaffIdList) ? json.invalidStaffIdList : [];
    if (flowControlled.includes(staffId)) {
      throw new DingtalkApiError("DINGTALK_FLOW_CONTROLLED", "batchSend: user is flow-controlled", {
        rateLimited: true,
        retryable: true,
      });
    }
    if (invalid.includes(staffId)) {
      throw new DingtalkApiError("DINGTALK_INVALID_USER", "batchSend: staffId is invalid", { retryable: false });
    }
    return { processQueryKey: typeof json.processQueryKey === "string" ? json.processQueryKey : undefined };
  }

  /** Group: `groupMessages/send` to the openConversationId (the callback's conversationId). */
  async sendToGroup(openConversationId: string, message: OpenApiMessage): Promise<{ processQueryKey?: string }> {
    const json = await this.call("/v1.0/robot/groupMessages/send", {
      robotCode: this.config.robotCode,
      openConversationId,
      ...message,
    });
    return { processQueryKey: typeof json.processQueryKey === "string" ? json.processQueryKey : undefined };
  }

  private async call(path: string, body: unknown, retriedAuth = false): Promise<Record<string, unknown>> {
    const token = await this.accessToken();
    const { status, json } = await postJson(this.fetchFn, `${this.config.apiBase}${path}`, body, {
      "x-acs-dingtalk-access-token": token,
    });
    if (status === 200 && json) return json;
    if (status === 401 && !retriedAuth) {
      this.token = null; // revoked or expired early: fetch a fresh one once
      return this.call(path, body, true);
    }
    throw new DingtalkApiError(
      "DINGTALK_OPENAPI",
      `${path}: HTTP ${status} ${String(json?.code ?? "")} ${String(json?.message ?? "")}`.trim(),
      {
        status,
        errcode: typeof json?.code === "string" ? json.code : undefined,
        rateLimited: status === 429,
        retryable: status >= 500 || status === 429 || status === 401,
      },
    );
  }
}
