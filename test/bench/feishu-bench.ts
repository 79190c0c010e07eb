// npm run bench:feishu — signed, encrypted Feishu events (im.message.receive_v1) at the webhook;
// replies through the real Lark SDK to the local Feishu emulator. Options: see webhook-bench.ts.
import { randomUUID } from "node:crypto";
import { startFeishuEmulator } from "../emulators/feishu/emulator.js";
import { runWebhookBench } from "./webhook-bench.js";

const emu = await startFeishuEmulator({ appId: `cli_${randomUUID().replace(/-/g, "").slice(0, 16)}` });

await runWebhookBench({
  name: "Feishu",
  channel: "feishu",
  webhookPath: "/feishu/events",
  env: {
    FEISHU_APP_ID: emu.app.appId,
    FEISHU_APP_SECRET: emu.app.appSecret,
    FEISHU_ENCRYPT_KEY: emu.app.encryptKey,
    FEISHU_VERIFICATION_TOKEN: emu.app.verificationToken,
    FEISHU_MODE: "webhook",
    FEISHU_DOMAIN: emu.url,
  },
  connect: (baseUrl) => emu.setWebhook(`${baseUrl}/feishu/events`),
  event(i, question) {
    const { envelope, messageId } = emu.userMessage({
      chatType: i % 5 === 0 ? "group" : "p2p",
      mentionBot: true,
      text: question,
    });
    return {
      key: messageId,
      deliver: async () => {
        const { delivery } = await emu.deliver(envelope);
        return { status: delivery!.status, latencyMs: delivery!.latencyMs };
      },
    };
  },
  onReply(listener) {
    // Replies carry the uuid `feishu:<question message id>:<n>`; a card update re-notifies with history > 1.
    emu.state.listeners.add((m) => {
      const key = m.uuid?.split(":")[1];
      if (key && m.history.length === 1) listener(key);
    });
  },
  close: () => emu.close(),
}).catch((err: Error) => {
  console.error("bench failed:", err);
  process.exitCode = 2;
});
process.exit();
