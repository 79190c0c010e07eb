// Web login with Feishu (OAuth 2.0 authorization code), as in shared docs platforms.md §4:
// the browser is sent to /open-apis/authen/v1/authorize (on the accounts host; here the emulator
// itself), comes back to redirect_uri?code&state; the server exchanges the code (valid 5 minutes,
// once) at POST /open-apis/authen/v2/oauth/token and reads GET /open-apis/authen/v1/user_info.
// The person "signed in at Feishu" is chosen by the test with loginAs().
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson, type AppIdentity } from "./open-api.js";
import { newId } from "./state.js";

export interface OAuthUser {
  openId: string;
  name: string;
  /** false: the user may not use the app (token endpoint answers code 20010). */
  mayUseApp?: boolean;
}

const CODE_TTL_MS = 5 * 60_000;

export class FeishuOAuth {
  private current: OAuthUser | null = null;
  private readonly codes = new Map<string, { user: OAuthUser; redirectUri: string; at: number; used: boolean }>();
  private readonly tokens = new Map<string, OAuthUser>();
  /** Every OAuth request, for assertions. */
  readonly requests: { api: "authorize" | "token" | "user_info"; status: number; code?: number }[] = [];

  constructor(private readonly app: AppIdentity) {}

  /** The person signed in to Feishu in "the browser": authorize logs them in without a prompt. */
  loginAs(user: OAuthUser | null): void {
    this.current = user;
  }

  authorize(res: ServerResponse, q: URLSearchParams): void {
    const clientId = q.get("client_id");
    const redirect = q.get("redirect_uri");
    if (clientId !== this.app.appId || !redirect || !/^https?:\/\//.test(redirect)) {
      this.requests.push({ api: "authorize", status: 400 });
      res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
      return void res.end("<!doctype html><title>飞书</title><p>参数错误：应用或重定向地址无效</p>");
    }
    if (!this.current) {
      this.requests.push({ api: "authorize", status: 200 });
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return void res.end("<!doctype html><title>飞书登录</title><p>请先登录飞书</p>");
    }
    const code = newId("", 16);
    this.codes.set(code, { user: this.current, redirectUri: redirect, at: Date.now(), used: false });
    const to = new URL(redirect);
    to.searchParams.set("code", code);
    const state = q.get("state");
    if (state !== null) to.searchParams.set("state", state);
    this.requests.push({ api: "authorize", status: 302 });
    res.writeHead(302, { location: to.toString() });
    res.end();
  }

  token(res: ServerResponse, body: Record<string, unknown>): void {
    // Error bodies follow RFC 6749 plus a numeric code; only 20010 is documented in platforms.md,
    // the others here are stand-ins (the bot relies on HTTP status and code != 0 only).
    const fail = (status: number, code: number, error: string, description: string) => {
      this.requests.push({ api: "token", status, code });
      sendJson(res, status, { code, error, error_description: description });
    };
    if (body.grant_type !== "authorization_code")
      return fail(400, 20001, "unsupported_grant_type", "grant_type must be authorization_code");
    if (body.client_id !== this.app.appId || body.client_secret !== this.app.appSecret)
      return fail(400, 20002, "invalid_client", "client authentication failed");
    const c = typeof body.code === "string" ? this.codes.get(body.code) : undefined;
    if (!c || c.used || Date.now() - c.at > CODE_TTL_MS)
      return fail(400, 20003, "invalid_grant", "the authorization code is invalid, expired or already used");
    if (body.redirect_uri !== c.redirectUri)
      return fail(400, 20003, "invalid_grant", "redirect_uri does not match the authorization request");
    c.used = true;
    if (c.user.mayUseApp === false) return fail(400, 20010, "access_denied", "user has no permission to use this app");
    const accessToken = newId("u-", 16);
    this.tokens.set(accessToken, c.user);
    this.requests.push({ api: "token", status: 200, code: 0 });
    sendJson(res, 200, {
      code: 0,
      access_token: accessToken,
      expires_in: 7200,
      refresh_token: newId("ur-", 16),
      refresh_token_expires_in: 604800,
      token_type: "Bearer",
      scope: "",
    });
  }

  userInfo(req: IncomingMessage, res: ServerResponse): void {
    const m = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? "");
    const user = m ? this.tokens.get(m[1]) : undefined;
    if (!user) {
      this.requests.push({ api: "user_info", status: 401, code: 99991668 });
      return sendJson(res, 401, {
        code: 99991668,
        msg: "Invalid access token for authorization. Please make a request with token attached.",
      });
    }
    this.requests.push({ api: "user_info", status: 200, code: 0 });
    sendJson(res, 200, {
      code: 0,
      msg: "success",
      data: {
        name: user.name,
        en_name: "",
        avatar_url: "",
        open_id: user.openId,
        union_id: newId("on_", 8),
        tenant_key: this.app.tenantKey,
      },
    });
  }
}
