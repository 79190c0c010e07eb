// The service desk in local mode (`npm run chat`): tickets in the SQLite desk (DATA_DIR/desk.db
// unless DATABASE_URL says otherwise), notifications delivered in-process to the terminal, approved
// knowledge entries published with an in-process ingest. No Redis.
import { dataDir } from "../../../knowledge/infra/env.js";
import type { Logger } from "../../../knowledge/infra/logger.js";
import type { KnowledgeBase } from "../../../knowledge/types.js";
import type { ChannelSender, Reply } from "../../conversation/types.js";
import { createDesk, type Desk } from "../../tickets/index.js";
import { inProcessPublisher } from "../../tickets/knowledge-publish.js";

/** Prints what the desk sends (staff replies, survey cards …) instead of posting it to a platform. */
export function printingSender(print: (line: string) => void): ChannelSender {
  const show = (where: string, r: Reply) => {
    print(`📨 [${where}] ${r.text}`);
    return Promise.resolve({ messageId: `console-${Date.now()}-${Math.random().toString(16).slice(2, 8)}` });
  };
  return {
    reply: (to, r) => show(to.chatId, r),
    sendToChat: (chatId, r) => show(chatId, r),
    sendToUser: (userId, r) => show(`私信 ${userId}`, r),
    updateCard: async () => undefined,
  };
}

/**
 * `kb`: the console's self-reloading knowledge base; after a publish the desk waits (briefly) until
 * it serves the new version, so the next question already sees the approved entry.
 */
export async function openLocalDesk(
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
  logger?: Logger,
  kb?: KnowledgeBase,
): Promise<Desk> {
  const sender = printingSender(print);
  const publisher = inProcessPublisher({ dataDir: dataDir(env), corpusDir: env.INGEST_CORPUS_DIR || undefined });
  const desk = await createDesk({
    env,
    senders: () => sender,
    logger,
    pollMs: 500,
    publisher: {
      publish: async () => {
        const res = await publisher.publish();
        for (let i = 0; kb && res.version && kb.info().version !== res.version && i < 50; i++)
          await new Promise((r) => setTimeout(r, 100));
        return res;
      },
    },
  });
  await desk.start();
  return desk;
}
