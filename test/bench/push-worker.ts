// One delivery process for `npm run bench:push` (the bench kills it mid-run): the real Feishu sender
// (SDK) against the emulator, the push queue worker and poll loop on the shared database and Redis.
import { createFeishuSender } from "../../bot/channels/feishu/sender.js";
import { FeishuApi } from "../../bot/channels/feishu/api.js";
import { openDeskDb } from "../../bot/tickets/db.js";
import { createPush } from "../../bot/push/index.js";
import { logger } from "../../knowledge/infra/logger.js";

const env = process.env;
const db = openDeskDb(env.BENCH_DB!, env.BENCH_SCHEMA ? { schema: env.BENCH_SCHEMA } : {});
const api = new FeishuApi({
  appId: env.BENCH_APP_ID!,
  appSecret: env.BENCH_APP_SECRET!,
  domain: env.BENCH_FEISHU!,
  logger,
  retry: { rateLimitRetries: 8, baseDelayMs: 200, maxDelayMs: 2000 },
});
const sender = createFeishuSender(api);
const rate = Number(env.BENCH_RATE);
const push = createPush({
  db,
  desk: { deskPlatform: "feishu" },
  dataDir: env.BENCH_DATA!,
  senders: () => sender,
  config: { rates: { feishu: rate }, worker: true, followUpMs: 3_600_000, lookbackMs: 86_400_000 },
  redisUrl: env.BENCH_REDIS!,
  prefix: env.BENCH_PREFIX!,
  logger,
  pollMs: 500,
  leaseMs: 5000,
  reofferMs: 15_000,
  concurrency: 32,
});
await push.delivery!.start();
process.send?.("ready");
process.on(
  "SIGTERM",
  () =>
    void push
      .delivery!.close()
      .then(() => db.close())
      .then(() => process.exit(0)),
);
