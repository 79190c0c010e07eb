// A card action slower than the 3 s callback budget: the callback is answered at once with a toast,
// and the card is updated afterwards through /open-apis/interactive/v1/card/update with the token.
import Fastify from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFeishuChannel } from "../../bot/channels/feishu/index.js";
import { feishuConfigSchema } from "../../bot/channels/feishu/config.js";
import type { ChannelDeps } from "../../bot/conversation/channel-module.js";
import { MemoryDedupeStore } from "../../bot/infra/dedupe-store.js";
import { createLogger } from "../../knowledge/infra/logger.js";
import { startFeishuEmulator, type FeishuEmulator } from "../emulators/feishu/emulator.js";
import { cardText, sleep } from "./harness.js";

let emu: FeishuEmulator;
const http = Fastify();
const actions: unknown[] = [];

beforeAll(async () => {
  emu = await startFeishuEmulator({ appId: "cli_a1b2c3d4e5f60718" });
  const config = feishuConfigSchema.parse({
    FEISHU_APP_ID: emu.app.appId,
    FEISHU_APP_SECRET: emu.app.appSecret,
    FEISHU_ENCRYPT_KEY: emu.app.encryptKey,
    FEISHU_VERIFICATION_TOKEN: emu.app.verificationToken,
    FEISHU_DOMAIN: emu.url,
  });
  const deps: ChannelDeps = {
    intake: { accept: async () => "enqueued" },
    outbound: { send: async () => undefined },
    handleCardAction: async (action) => {
      actions.push(action);
      await sleep(400); // slower than the (shortened) budget below
      return {
        toast: "已处理",
        reply: { kind: "card", text: "已办结", card: { title: "工单", markdown: "**已办结**", buttons: [] } },
      };
    },
    dedupe: new MemoryDedupeStore(),
    keyPrefix: "t:",
    logger: createLogger("silent"),
  };
  const channel = createFeishuChannel(config, deps, { cardBudgetMs: 100 });
  await http.register(async (scope) => channel.routes!(scope));
  await http.listen({ port: 0, host: "127.0.0.1" });
  const addr = http.server.address() as { port: number };
  emu.setWebhook(`http://127.0.0.1:${addr.port}/feishu/cards`);
});
afterAll(async () => {
  await http.close();
  await emu.close();
});

it("answers within budget with a toast, then updates the card via the callback token", async () => {
  const card = JSON.stringify({ config: { update_multi: true }, elements: [{ tag: "markdown", content: "处理中" }] });
  // a bot card already shown in a chat (sent through the real API path)
  const token = (await (
    await fetch(`${emu.url}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: "POST",
      body: JSON.stringify({ app_id: emu.app.appId, app_secret: emu.app.appSecret }),
    })
  ).json()) as { tenant_access_token: string };
  const created = (await (
    await fetch(`${emu.url}/open-apis/im/v1/messages?receive_id_type=chat_id`, {
      method: "POST",
      headers: { authorization: `Bearer ${token.tenant_access_token}`, "content-type": "application/json" },
      body: JSON.stringify({ receive_id: "oc_desk", msg_type: "interactive", content: card }),
    })
  ).json()) as { data: { message_id: string } };
  const messageId = created.data.message_id;
  const click = await emu.clickButton({
    messageId,
    operatorOpenId: "ou_staff",
    value: { cmd: "ticket.close", id: "1" },
    path: "/feishu/cards",
  });
  expect(click.delivery?.status).toBe(200);
  expect(click.delivery!.latencyMs).toBeLessThan(400);
  expect(click.toast?.type).toBe("info");
  expect(actions).toHaveLength(1);
  const m = emu.state.byId.get(messageId)!;
  const deadline = Date.now() + 3000;
  while (m.history.length < 2 && Date.now() < deadline) await sleep(20);
  expect(m.history).toHaveLength(2);
  expect(cardText(m)).toContain("已办结");
  expect(emu.state.requests.filter((r) => r.api === "card_update" && r.code === 0)).toHaveLength(1);
  expect(emu.state.cardTokens.get(click.token)!.uses).toBe(1);
});
