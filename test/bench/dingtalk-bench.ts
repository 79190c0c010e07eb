// npm run bench:dingtalk — signed DingTalk robot callbacks (HTTP mode) at the bot; replies through
// each callback's sessionWebhook to the local DingTalk emulator. Options: see webhook-bench.ts.
import http from "node:http";
import { startDingtalkEmulator } from "../emulators/dingtalk/emulator.js";
import { runWebhookBench } from "./webhook-bench.js";

const emu = await startDingtalkEmulator();
// node:http with keep-alive: much cheaper per request than fetch, so the driver disturbs less.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let target: URL | undefined;

function post(body: string): Promise<{ status: number; latencyMs: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const headers = { ...emu.signedHeaders(), "content-length": String(Buffer.byteLength(body)) };
    const req = http.request(target!, { method: "POST", agent, headers, timeout: 10_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, latencyMs: performance.now() - t0 }));
    });
    req.on("timeout", () => req.destroy(new Error("no response from the bot within 10 s")));
    req.on("error", reject);
    req.end(body);
  });
}

await runWebhookBench({
  name: "DingTalk",
  channel: "dingtalk",
  webhookPath: "/dingtalk/events",
  env: {
    DINGTALK_APP_KEY: emu.app.appKey,
    DINGTALK_APP_SECRET: emu.app.appSecret,
    DINGTALK_ROBOT_CODE: emu.app.robotCode,
    DINGTALK_WEBHOOK_HOSTS: emu.baseUrl, // the emulator's sessionWebhooks (http on loopback)
    DINGTALK_MODE: "http",
    DINGTALK_API_BASE: emu.baseUrl,
  },
  connect: (baseUrl) => (target = new URL(`${baseUrl}/dingtalk/events`)),
  event(i, question) {
    // One conversation per event, so that its reply is recognised by conversationId.
    const group = i % 5 === 0;
    const conversationId = `cid-bench-${i}==`;
    const body = JSON.stringify(
      emu.callback({ conversationType: group ? "2" : "1", conversationId, staffId: `bench-${i}`, text: question }),
    );
    return { key: conversationId, deliver: () => post(body) };
  },
  onReply: (listener) => void emu.state.onShow((m) => m.conversationId && listener(m.conversationId)),
  close: () => emu.close(),
}).catch((err: Error) => {
  console.error("bench failed:", err);
  process.exitCode = 2;
});
process.exit();
