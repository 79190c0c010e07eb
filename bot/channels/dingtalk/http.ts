// HTTP callback mode: POST /dingtalk/events. Order, once, in one place:
// verify timestamp + sign (401) → parse JSON + zod (400) → policy (groups need an @) → intake
// (dedupe on msgId + enqueue; 503 when Redis is down so DingTalk retries) → 200 at once.
import type { FastifyInstance } from "fastify";
import type { Intake } from "../../conversation/intake.js";
import type { Logger } from "../../../knowledge/infra/logger.js";
import { isAddressedToBot, parseRobotCallback, toInboundMessage } from "./decode.js";
import { originProblem, type OriginPolicy } from "./origin.js";
import { verifySign } from "./sign.js";

export const DINGTALK_EVENTS_PATH = "/dingtalk/events";
/** A robot callback is a few KB; anything far larger is not one. */
const BODY_LIMIT_BYTES = 256 * 1024;

export interface CallbackRequest {
  timestamp?: string;
  sign?: string;
  rawBody: string;
}

export interface CallbackResponse {
  status: 200 | 400 | 401 | 503;
  body: Record<string, unknown>;
  outcome: "enqueued" | "duplicate" | "ignored" | "rejected" | "unavailable";
}

export interface CallbackHandlerDeps {
  appSecret: string;
  origin: OriginPolicy;
  intake: Intake;
  logger: Logger;
  now?: () => number;
}

function reject(status: 400 | 401, errmsg: string): CallbackResponse {
  return { status, body: { errcode: status, errmsg }, outcome: "rejected" };
}

export function createCallbackHandler(deps: CallbackHandlerDeps): (req: CallbackRequest) => Promise<CallbackResponse> {
  const now = deps.now ?? Date.now;
  const log = deps.logger;
  return async (req) => {
    const check = verifySign(req.timestamp, req.sign, deps.appSecret, now());
    if (!check.ok) {
      log.warn({ reason: check.reason }, "dingtalk callback rejected: signature");
      return reject(401, check.reason === "expired" ? "timestamp outside the allowed window" : "invalid signature");
    }
    let raw: unknown;
    try {
      raw = JSON.parse(req.rawBody);
    } catch {
      return reject(400, "body is not JSON");
    }
    const parsed = parseRobotCallback(raw);
    if (!parsed.ok) {
      log.warn({ error: parsed.error }, "dingtalk callback rejected: malformed");
      return reject(400, `malformed callback: ${parsed.error}`);
    }
    const problem = originProblem(parsed.callback, deps.origin);
    if (problem) {
      log.warn({ reason: problem }, "dingtalk callback rejected: origin");
      return reject(400, problem);
    }
    if (!isAddressedToBot(parsed.callback)) return { status: 200, body: {}, outcome: "ignored" };
    const msg = toInboundMessage(parsed.callback, now());
    try {
      const outcome = await deps.intake.accept(msg);
      log.debug({ messageId: msg.messageId, outcome }, "dingtalk callback accepted");
      return { status: 200, body: {}, outcome };
    } catch (err) {
      log.error(
        { err: (err as Error).message, messageId: msg.messageId },
        "dingtalk intake failed; asking DingTalk to retry",
      );
      return {
        status: 503,
        body: { errcode: 503, errmsg: "temporarily unavailable, please retry" },
        outcome: "unavailable",
      };
    }
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Registers the route in its own scope so the body stays a string until the signature is checked. */
export async function registerCallbackRoute(
  app: FastifyInstance,
  handle: (req: CallbackRequest) => Promise<CallbackResponse>,
): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "string", bodyLimit: BODY_LIMIT_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(DINGTALK_EVENTS_PATH, async (request, reply) => {
      const res = await handle({
        timestamp: header(request.headers.timestamp),
        sign: header(request.headers.sign),
        rawBody: typeof request.body === "string" ? request.body : "",
      });
      return reply.code(res.status).send(res.body);
    });
  });
}
