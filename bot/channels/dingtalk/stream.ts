// Stream mode: the dingtalk-stream SDK keeps a WebSocket to DingTalk's gateway. Each robot callback
// is decoded, handed to the intake (dedupe on msgId covers redeliveries) and then acked; a failed
// intake is deliberately not acked so that DingTalk pushes the message again later.
import { DWClient, TOPIC_ROBOT, type DWClientDownStream } from "dingtalk-stream";
import type { Intake } from "../../conversation/intake.js";
import type { Logger } from "../../../knowledge/infra/logger.js";
import type { DingtalkChannelConfig } from "./config.js";
import { isAddressedToBot, parseRobotCallback, toInboundMessage } from "./decode.js";
import { originProblem, type OriginPolicy } from "./origin.js";

export type FrameOutcome = "enqueued" | "duplicate" | "ignored" | "malformed" | "unavailable";

export interface StreamReceiver {
  start(): Promise<void>;
  stop(): Promise<void>;
  connected(): boolean;
}

export interface StreamDeps {
  intake: Intake;
  origin: OriginPolicy;
  logger: Logger;
  now?: () => number;
  /** Observes each handled frame (tests, metrics). */
  onFrame?(messageId: string, outcome: FrameOutcome): void;
}

/** Decides what to do with one CALLBACK frame's data; `ack` is false only when the intake failed. */
export async function handleRobotFrame(
  data: string,
  streamMessageId: string,
  deps: Pick<StreamDeps, "intake" | "logger" | "now" | "origin">,
): Promise<{ outcome: FrameOutcome; ack: boolean }> {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    raw = undefined;
  }
  const parsed = parseRobotCallback(raw);
  if (!parsed.ok) {
    // A malformed frame never becomes valid: ack it so it is not pushed again.
    deps.logger.warn({ error: parsed.error, streamMessageId }, "dingtalk stream frame malformed");
    return { outcome: "malformed", ack: true };
  }
  const problem = originProblem(parsed.callback, deps.origin);
  if (problem) {
    deps.logger.warn({ reason: problem, streamMessageId }, "dingtalk stream frame refused");
    return { outcome: "malformed", ack: true };
  }
  if (!isAddressedToBot(parsed.callback)) return { outcome: "ignored", ack: true };
  const msg = toInboundMessage(parsed.callback, (deps.now ?? Date.now)());
  try {
    return { outcome: await deps.intake.accept(msg, { eventId: streamMessageId }), ack: true };
  } catch (err) {
    deps.logger.error(
      { err: (err as Error).message, messageId: msg.messageId },
      "dingtalk intake failed; leaving frame unacked",
    );
    return { outcome: "unavailable", ack: false };
  }
}

export function createStreamReceiver(
  config: Pick<DingtalkChannelConfig, "appKey" | "appSecret">,
  deps: StreamDeps,
): StreamReceiver {
  // keepAlive stays off: the SDK (2.1.5) does not clear its heartbeat timer on an unplanned close,
  // so after a reconnect two timers would race and terminate healthy sockets.
  const client = new DWClient({ clientId: config.appKey, clientSecret: config.appSecret });
  client.registerCallbackListener(TOPIC_ROBOT, (frame: DWClientDownStream) => {
    const messageId = frame.headers.messageId;
    void handleRobotFrame(frame.data, messageId, deps)
      .then(({ outcome, ack }) => {
        if (ack) client.socketCallBackResponse(messageId, { status: outcome === "malformed" ? "IGNORED" : "OK" });
        deps.onFrame?.(messageId, outcome);
      })
      .catch((err: Error) => deps.logger.error({ err: err.message, messageId }, "dingtalk stream ack failed"));
  });
  return {
    async start() {
      // connect() never throws: failures are retried by the SDK every second (autoReconnect).
      await client.connect();
      if (!client.connected) deps.logger.warn("dingtalk stream not connected yet; the SDK keeps retrying");
    },
    async stop() {
      // A reconnect the SDK has already scheduled would otherwise open a new socket after stop().
      client.config.autoReconnect = false;
      client.disconnect();
    },
    connected: () => client.connected,
  };
}
