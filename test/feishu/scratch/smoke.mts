import * as lark from "@larksuiteoapi/node-sdk";
import { startFeishuEmulator } from "../../emulators/feishu/emulator.js";
const emu = await startFeishuEmulator();
const store = new Map();
const cache = { get: async (k: any, o: any) => store.get(`${o?.namespace}/${String(k)}`)?.v, set: async (k: any, v: any, e: any, o: any) => (store.set(`${o?.namespace}/${String(k)}`, { v, e }), true) };
const client = new lark.Client({ appId: emu.app.appId, appSecret: emu.app.appSecret, domain: emu.url, cache, loggerLevel: lark.LoggerLevel.error });
console.log(await client.request({ method: "GET", url: "/open-apis/bot/v3/info" }));
const r = await client.im.message.create({ params: { receive_id_type: "chat_id" }, data: { receive_id: "oc_1", msg_type: "text", content: JSON.stringify({ text: "hi" }), uuid: "u1" } });
console.log(r.code, r.data?.message_id);
const r2 = await client.im.message.create({ params: { receive_id_type: "chat_id" }, data: { receive_id: "oc_1", msg_type: "text", content: JSON.stringify({ text: "hi" }), uuid: "u1" } });
console.log(r2.data?.message_id === r.data?.message_id, emu.state.botMessages().length);
const card = { config: { update_multi: true }, elements: [{ tag: "markdown", content: "x" }] };
const c = await client.im.message.reply({ path: { message_id: r.data!.message_id! }, data: { msg_type: "interactive", content: JSON.stringify(card) } });
console.log(c.code, c.data?.parent_id);
console.log(await client.im.message.patch({ path: { message_id: c.data!.message_id! }, data: { content: JSON.stringify(card) } }));
emu.expireTokens();
try { await client.im.message.create({ params: { receive_id_type: "chat_id" }, data: { receive_id: "oc_1", msg_type: "text", content: "{\"text\":\"x\"}" } }); } catch (e: any) { console.log("err", e.response?.status, e.response?.data); }
emu.fail("*", "rate_limit");
try { await client.im.message.create({ params: { receive_id_type: "chat_id" }, data: { receive_id: "oc_1", msg_type: "text", content: "{\"text\":\"x\"}" } }); } catch (e: any) { console.log("err", e.response?.status, e.response?.data, e.response?.headers["x-ogw-ratelimit-reset"]); }
await emu.close();
