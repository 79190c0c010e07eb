// Streams an LLM answer into one chat card: the first partial text sends a "正在生成" card, later ones
// update it, and the pipeline's final answer replaces it (with citations and buttons). Platform-neutral:
// it only uses ChannelSender.reply/updateCard, so any channel with card updates (Feishu) can use it.
import type { ChannelSender, InboundMessage, Platform, Reply } from "./types.js";
import { runWithPartialTextSink } from "../../knowledge/llm/with-llm.js";

/** Platforms whose cards are updated while the answer streams (Feishu: 5 updates/s per card). */
export const STREAMING_PLATFORMS: ReadonlySet<Platform> = new Set<Platform>(["feishu"]);

export interface StreamingReply {
  /** Pass as the partial-text sink (see runWithPartialTextSink). */
  onPartialText(text: string): Promise<void>;
  /** Id of the streaming card once sent (store it with the job so a retry can finish the same card). */
  readonly messageId: string | undefined;
  /**
   * Delivers the final reply into the streaming card (text replies as a plain card). Returns false when
   * no card was streamed: then send the reply normally.
   */
  finish(reply: Reply): Promise<boolean>;
}

export function streamingCard(text: string): Reply {
  return {
    kind: "card",
    text,
    card: { title: "企服通 · 正在生成回答…", template: "blue", markdown: `${text} ▍`, buttons: [], shared: true },
  };
}

export function createStreamingReply(opts: {
  sender: ChannelSender;
  msg: InboundMessage;
  /** Key of the streaming card (e.g. `${idempotencyKey(msg, 0)}:stream`); a retry gets the same card. */
  idempotencyKey: string;
  /** A card streamed by an earlier attempt of the same job. */
  messageId?: string;
  onError?: (err: unknown) => void;
}): StreamingReply {
  let messageId = opts.messageId;
  let sending: Promise<void> | null = null;
  const { sender, msg } = opts;
  return {
    get messageId() {
      return messageId;
    },
    async onPartialText(text) {
      if (!sender.updateCard) return;
      try {
        if (!messageId) {
          // The throttle never overlaps calls, but keep the first send single even if it did.
          sending ??= sender
            .reply(msg, streamingCard(text), opts.idempotencyKey)
            .then((r) => void (messageId = r.messageId));
          await sending;
        } else await sender.updateCard(messageId, streamingCard(text));
      } catch (err) {
        opts.onError?.(err);
      }
    },
    async finish(reply) {
      if (!messageId || !sender.updateCard) return false;
      // A plain-text final reply still replaces the streamed text, as a card.
      const asCard: Reply =
        reply.kind === "text" || reply.kind === "notice"
          ? {
              kind: "card",
              text: reply.text,
              card: { title: "企服通", template: "blue", markdown: reply.text, buttons: [], shared: true },
            }
          : reply;
      await sender.updateCard(messageId, asCard);
      return true;
    },
  };
}

/**
 * For the inbound worker: runs the pipeline (`run`) so that, on a streaming platform whose sender can
 * update cards, LLM text streams into one card. Store `streamMessageId` with the job's replies and
 * deliver `replies[0]` with finishStreamedReply. Without an LLM nothing streams and nothing changes.
 */
export async function runStreamingPipeline(
  sender: ChannelSender,
  msg: InboundMessage,
  idempotencyKey: string,
  run: () => Promise<Reply[]>,
  onError?: (err: unknown) => void,
): Promise<{ replies: Reply[]; streamMessageId?: string }> {
  if (!STREAMING_PLATFORMS.has(msg.platform) || !sender.updateCard) return { replies: await run() };
  const stream = createStreamingReply({ sender, msg, idempotencyKey: `${idempotencyKey}:stream`, onError });
  const replies = await runWithPartialTextSink((t) => stream.onPartialText(t), run);
  return { replies, streamMessageId: stream.messageId };
}

/** True when `reply` went into the streamed card (then skip the normal send); false: send normally. */
export async function finishStreamedReply(
  sender: ChannelSender,
  msg: InboundMessage,
  streamMessageId: string | undefined,
  reply: Reply,
): Promise<boolean> {
  if (!streamMessageId) return false;
  return createStreamingReply({ sender, msg, idempotencyKey: "", messageId: streamMessageId }).finish(reply);
}
