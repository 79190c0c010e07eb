// The HTTP side of the emulated DingTalk, following docs/platforms.md §6:
// - sessionWebhook sink: errors come back as {errcode, errmsg} inside HTTP 200;
// - v1.0 OpenAPI (token, robot sends, Stream gateway): HTTP status codes with {code, message}.
// Where the real error codes are unverified, the emulator uses the constants below.
import type { IncomingMessage, ServerResponse } from "node:http";
import { newId, type DingtalkEmulatorState, type ShownMessage } from "./state.js";

export interface DingtalkApp {
  appKey: string;
  appSecret: string;
  robotCode: string;
  tokenTtlSec: number;
}

/** Emulator-chosen errcodes (the real values for these cases are not documented in platforms.md). */
export const WEBHOOK_ERR = {
  badParam: { errcode: 40035, errmsg: "缺少参数 json" },
  sessionInvalid: { errcode: 300001, errmsg: "session webhook invalid or expired" },
  tooFast: { errcode: 130101, errmsg: "send too fast, exceed 20 times per minute" },
} as const;

/** Emulator-chosen codes for groupMessages/send to an unreachable group (not documented in platforms.md). */
export const GROUP_ERR = {
  robotRemoved: { code: "robot.not.in.group", message: "机器人不在群内" },
  dissolved: { code: "group.dissolved", message: "群已解散" },
} as const;

type Json = Record<string, unknown>;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json;charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export async function readJson(req: IncomingMessage): Promise<Json | null> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** {title?, text} of a webhook body, or an error text when the robot API would refuse it. */
function webhookContent(body: Json): { title?: string; text: string; atUserIds: string[] } | string {
  const at = (body.at ?? {}) as { atUserIds?: unknown };
  const atUserIds = Array.isArray(at.atUserIds) ? at.atUserIds.filter((x): x is string => typeof x === "string") : [];
  switch (body.msgtype) {
    case "text": {
      const content = str((body.text as Json | undefined)?.content);
      return content ? { text: content, atUserIds } : "text.content is empty";
    }
    case "markdown": {
      const md = (body.markdown ?? {}) as Json;
      if (!str(md.title).trim()) return "markdown.title is empty";
      if (!str(md.text).trim()) return "markdown.text is empty";
      return { title: str(md.title), text: str(md.text), atUserIds };
    }
    case "actionCard": {
      const card = (body.actionCard ?? {}) as Json;
      if (!str(card.title).trim()) return "actionCard.title is empty";
      if (!str(card.text).trim()) return "actionCard.text is empty";
      const btns = Array.isArray(card.btns) ? (card.btns as Json[]) : [];
      if (!btns.length && !(str(card.singleTitle) && str(card.singleURL)))
        return "actionCard needs btns or singleTitle+singleURL";
      if (btns.some((b) => !str(b.title) || !str(b.actionURL))) return "actionCard.btns need title and actionURL";
      return { title: str(card.title), text: str(card.text), atUserIds };
    }
    default:
      return `unsupported msgtype ${String(body.msgtype)}`;
  }
}

/** msgParam of the robot OpenAPI, validated per msgKey. */
function openApiContent(msgKey: string, msgParam: string): { title?: string; text: string } | string {
  let p: Json;
  try {
    p = JSON.parse(msgParam) as Json;
  } catch {
    return "msgParam is not a JSON string";
  }
  if (msgKey === "sampleText") return str(p.content) ? { text: str(p.content) } : "sampleText needs content";
  if (msgKey === "sampleMarkdown") {
    return str(p.title).trim() && str(p.text).trim()
      ? { title: str(p.title), text: str(p.text) }
      : "sampleMarkdown needs title and text";
  }
  if (msgKey === "sampleActionCard") {
    return str(p.title).trim() && str(p.text).trim()
      ? { title: str(p.title), text: str(p.text) }
      : "sampleActionCard needs title and text";
  }
  return `unsupported msgKey ${msgKey}`;
}

export class DingtalkOpenApi {
  constructor(
    private readonly state: DingtalkEmulatorState,
    private readonly app: DingtalkApp,
    private readonly gatewayEndpoint: () => string,
    private readonly issueTicket: (clientId: string) => string,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const route = `${req.method} ${url.pathname}`;
    if (route === "POST /robot/sendBySession")
      return this.sessionWebhook(req, res, url.searchParams.get("session") ?? "");
    if (route === "POST /v1.0/oauth2/accessToken") return this.accessToken(req, res);
    if (route === "GET /gettoken") return this.oapiGetToken(res, url);
    if (route === "POST /v1.0/robot/oToMessages/batchSend") return this.robotSend(req, res, "batchSend");
    if (route === "POST /v1.0/robot/groupMessages/send") return this.robotSend(req, res, "groupSend");
    if (route === "POST /v1.0/gateway/connections/open") return this.gatewayOpen(req, res);
    sendJson(res, 404, { code: "NotFound", message: `no route ${route}` });
  }

  private webhookError(res: ServerResponse, e: { errcode: number; errmsg: string }): void {
    this.state.record("webhook", 200, e.errcode);
    sendJson(res, 200, e);
  }

  private async sessionWebhook(req: IncomingMessage, res: ServerResponse, sessionId: string): Promise<void> {
    const body = await readJson(req);
    const failure = this.state.takeFailure("webhook");
    if (failure && failure.api === "webhook")
      return this.webhookError(res, { errcode: failure.errcode, errmsg: failure.errmsg });
    const session = this.state.sessions.get(sessionId);
    if (!session || session.expiresAt <= Date.now()) return this.webhookError(res, WEBHOOK_ERR.sessionInvalid);
    if (!body) return this.webhookError(res, WEBHOOK_ERR.badParam);
    const content = webhookContent(body);
    if (typeof content === "string")
      return this.webhookError(res, { errcode: WEBHOOK_ERR.badParam.errcode, errmsg: content });
    this.state.record("webhook", 200, 0);
    this.state.show({
      via: "webhook",
      conversationId: session.conversationId,
      msgtype: str(body.msgtype),
      ...content,
      body,
    });
    sendJson(res, 200, { errcode: 0, errmsg: "ok" });
  }

  private openApiError(
    res: ServerResponse,
    api: "batchSend" | "groupSend" | "token" | "gateway",
    status: number,
    code: string,
    message: string,
  ) {
    this.state.record(api, status, code);
    sendJson(res, status, { code, message, requestid: newId("", 8) });
  }

  private issueToken(): { token: string; ttl: number } {
    const token = newId("emu-at-");
    this.state.tokens.set(token, Date.now() + this.app.tokenTtlSec * 1000);
    return { token, ttl: this.app.tokenTtlSec };
  }

  private async accessToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const failure = this.state.takeFailure("token");
    if (failure && failure.api !== "webhook")
      return this.openApiError(res, "token", failure.status, failure.code, failure.message);
    if (str(body?.appKey) !== this.app.appKey || str(body?.appSecret) !== this.app.appSecret) {
      return this.openApiError(res, "token", 400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret");
    }
    const { token, ttl } = this.issueToken();
    this.state.record("token", 200);
    sendJson(res, 200, { accessToken: token, expireIn: ttl });
  }

  private oapiGetToken(res: ServerResponse, url: URL): void {
    if (
      url.searchParams.get("appkey") !== this.app.appKey ||
      url.searchParams.get("appsecret") !== this.app.appSecret
    ) {
      this.state.record("token", 200, 40089);
      return sendJson(res, 200, { errcode: 40089, errmsg: "不合法的corpid或corpsecret" });
    }
    const { token, ttl } = this.issueToken();
    this.state.record("token", 200, 0);
    sendJson(res, 200, { errcode: 0, errmsg: "ok", access_token: token, expires_in: ttl });
  }

  private async robotSend(req: IncomingMessage, res: ServerResponse, api: "batchSend" | "groupSend"): Promise<void> {
    const body = await readJson(req);
    const token = req.headers["x-acs-dingtalk-access-token"];
    const exp = typeof token === "string" ? this.state.tokens.get(token) : undefined;
    if (!exp || exp <= Date.now())
      return this.openApiError(res, api, 401, "InvalidAuthentication", "不合法的access_token");
    const failure = this.state.takeFailure(api);
    if (failure && failure.api !== "webhook")
      return this.openApiError(res, api, failure.status, failure.code, failure.message);
    if (!body) return this.openApiError(res, api, 400, "MissingParameter", "body is not JSON");
    if (str(body.robotCode) !== this.app.robotCode)
      return this.openApiError(res, api, 400, "resource.not.found", "robot 不存在");
    const content = openApiContent(str(body.msgKey), str(body.msgParam));
    if (typeof content === "string") return this.openApiError(res, api, 400, "InvalidParameter", content);
    const base: Omit<ShownMessage, "at"> = { via: api, msgtype: str(body.msgKey), ...content, atUserIds: [], body };
    if (api === "batchSend") {
      const userIds = Array.isArray(body.userIds)
        ? body.userIds.filter((x): x is string => typeof x === "string" && x !== "")
        : [];
      if (!userIds.length) return this.openApiError(res, api, 400, "InvalidParameter", "userIds is empty");
      this.state.record(api, 200);
      this.state.show({ ...base, staffIds: userIds });
      return sendJson(res, 200, {
        processQueryKey: newId("pqk-"),
        invalidStaffIdList: [],
        flowControlledStaffIdList: [],
      });
    }
    const openConversationId = str(body.openConversationId);
    if (!openConversationId) return this.openApiError(res, api, 400, "InvalidParameter", "openConversationId is empty");
    if (this.state.dissolvedGroups.has(openConversationId))
      return this.openApiError(res, api, 400, GROUP_ERR.dissolved.code, GROUP_ERR.dissolved.message);
    if (this.state.groupsWithoutRobot.has(openConversationId))
      return this.openApiError(res, api, 400, GROUP_ERR.robotRemoved.code, GROUP_ERR.robotRemoved.message);
    this.state.record(api, 200);
    this.state.show({ ...base, conversationId: openConversationId });
    sendJson(res, 200, { processQueryKey: newId("pqk-") });
  }

  private async gatewayOpen(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const failure = this.state.takeFailure("gateway");
    if (failure && failure.api !== "webhook")
      return this.openApiError(res, "gateway", failure.status, failure.code, failure.message);
    if (str(body?.clientId) !== this.app.appKey || str(body?.clientSecret) !== this.app.appSecret) {
      return this.openApiError(res, "gateway", 401, "InvalidAuthentication", "clientId or clientSecret is wrong");
    }
    this.state.record("gateway", 200);
    sendJson(res, 200, { endpoint: this.gatewayEndpoint(), ticket: this.issueTicket(str(body?.clientId)) });
  }
}
