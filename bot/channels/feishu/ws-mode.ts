// Long-connection mode (FEISHU_MODE=ws): the SDK's WSClient + EventDispatcher feed the same router
// and intake as the webhook. Events over WS arrive in plain text and unsigned (the SDK invokes the
// dispatcher with needCheck:false); the ack carries the handler's return value (card responses).
import * as lark from "@larksuiteoapi/node-sdk";
import type { Logger } from "../../../knowledge/infra/logger.js";
import type { FeishuConfig } from "./config.js";
import { eventAgeSec } from "./crypto.js";
import type { EventHeader, EventRouter } from "./events.js";
import { sdkLogger } from "./sdk.js";

/** The dispatcher hands handlers a flattened `{...header, ...event}`; split it back. */
function header(data: Record<string, unknown>, eventType: string): EventHeader {
  return {
    event_id: String(data.event_id ?? ""),
    event_type: eventType,
    tenant_key: typeof data.tenant_key === "string" ? data.tenant_key : undefined,
  };
}

export function createFeishuDispatcher(router: EventRouter, log: Logger, maxAgeSec = Infinity): lark.EventDispatcher {
  const dispatcher = new lark.EventDispatcher({ logger: sdkLogger(log), loggerLevel: lark.LoggerLevel.warn });
  const handle = async (eventType: string, data: Record<string, unknown>) => {
    const createTime = typeof data.create_time === "string" ? data.create_time : undefined;
    if (createTime !== undefined && eventAgeSec(createTime, Date.now()) > maxAgeSec) {
      log.warn({ eventType, createTime }, "feishu ws event outside the allowed window; dropped");
      return {};
    }
    const outcome = await router.route(header(data, eventType), data);
    if (outcome.kind === "malformed") {
      log.warn({ eventType, issue: outcome.issue }, "feishu ws event malformed; dropped");
      return {};
    }
    return outcome.kind === "ok" ? outcome.body : {};
  };
  // card.action.trigger is not in the SDK's typed handles (docs/platforms.md §1).
  dispatcher.register<{
    "im.message.receive_v1": (d: Record<string, unknown>) => Promise<unknown>;
    "card.action.trigger": (d: Record<string, unknown>) => Promise<unknown>;
  }>({
    "im.message.receive_v1": (d) => handle("im.message.receive_v1", d),
    "card.action.trigger": (d) => handle("card.action.trigger", d),
  });
  return dispatcher;
}

export function createFeishuWsConnection(config: FeishuConfig, router: EventRouter, log: Logger) {
  let ready = false;
  let lastError: string | undefined;
  const client = new lark.WSClient({
    appId: config.FEISHU_APP_ID,
    appSecret: config.FEISHU_APP_SECRET,
    domain: config.FEISHU_DOMAIN,
    logger: sdkLogger(log),
    loggerLevel: lark.LoggerLevel.warn,
    autoReconnect: true,
    onReady: () => {
      ready = true;
      log.info("feishu long connection ready");
    },
    onReconnected: () => log.info("feishu long connection re-established"),
    onError: (err: Error) => {
      lastError = err.message;
      log.error({ err: err.message }, "feishu long connection failed");
    },
  });
  return {
    async start() {
      if (!/^cli_[0-9a-fA-F]{16}$/.test(config.FEISHU_APP_ID)) {
        // WSClient.start() silently does nothing for such ids; say so instead.
        throw new Error("FEISHU_MODE=ws needs FEISHU_APP_ID shaped cli_ + 16 hex digits");
      }
      await client.start({ eventDispatcher: createFeishuDispatcher(router, log, config.FEISHU_MAX_CLOCK_SKEW_SEC) });
    },
    stop() {
      client.close({ force: true });
    },
    health() {
      const state = client.getConnectionStatus().state;
      return { ok: state === "connected", mode: "ws", state, ready, error: lastError };
    },
  };
}
