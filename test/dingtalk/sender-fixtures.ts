// Decodes an emulator callback body the way the channel does, for sender tests.
import { parseRobotCallback, toInboundMessage } from "../../bot/channels/dingtalk/decode.js";
import type { InboundMessage } from "../../bot/conversation/types.js";

export function decodeForTest(body: Record<string, unknown>): InboundMessage {
  const parsed = parseRobotCallback(body);
  if (!parsed.ok) throw new Error(parsed.error);
  return toInboundMessage(parsed.callback);
}
