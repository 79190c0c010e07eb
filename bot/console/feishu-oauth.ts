// Login with Feishu (web-app OAuth 2.0 authorization code, see shared docs platforms.md §4):
// authorise at the accounts host, exchange the code at /open-apis/authen/v2/oauth/token, read
// /open-apis/authen/v1/user_info with the user's access token.
import type { ConsoleConfig } from "./config.js";

export interface FeishuUser {
  openId: string;
  name: string;
  tenantKey: string | null;
}

export class OAuthError extends Error {
  constructor(
    message: string,
    /** Feishu's numeric code when it sent one (e.g. 20010: the user may not use the app). */
    readonly feishuCode?: number,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;

export function redirectUri(cfg: ConsoleConfig): string {
  return `${cfg.baseUrl}/console/auth/callback`;
}

export function authorizeUrl(cfg: ConsoleConfig, state: string): string {
  const u = new URL(`${cfg.feishu.accountsBase}/open-apis/authen/v1/authorize`);
  u.searchParams.set("client_id", cfg.feishu.appId ?? "");
  u.searchParams.set("redirect_uri", redirectUri(cfg));
  u.searchParams.set("state", state);
  return u.toString();
}

async function call(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new OAuthError(`飞书开放平台无法访问：${(err as Error).message}`);
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  const code = typeof body.code === "number" ? body.code : undefined;
  if (!res.ok || (code !== undefined && code !== 0)) {
    throw new OAuthError(String(body.error_description ?? body.msg ?? `HTTP ${res.status}`), code);
  }
  return body;
}

/** Exchanges the one-time code for the user's access token, then reads who the user is. */
export async function feishuUserFromCode(cfg: ConsoleConfig, code: string): Promise<FeishuUser> {
  const token = await call(`${cfg.feishu.openBase}/open-apis/authen/v2/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify({
      grant_type: "authorization_code",
      client_id: cfg.feishu.appId,
      client_secret: cfg.feishu.appSecret,
      code,
      redirect_uri: redirectUri(cfg),
    }),
  });
  const accessToken = typeof token.access_token === "string" ? token.access_token : "";
  if (!accessToken) throw new OAuthError("飞书未返回访问令牌");
  const info = await call(`${cfg.feishu.openBase}/open-apis/authen/v1/user_info`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const data = (info.data ?? {}) as Record<string, unknown>;
  const openId = typeof data.open_id === "string" ? data.open_id : "";
  if (!openId) throw new OAuthError("飞书未返回用户标识");
  return {
    openId,
    name: typeof data.name === "string" && data.name ? data.name : openId,
    tenantKey: typeof data.tenant_key === "string" ? data.tenant_key : null,
  };
}
