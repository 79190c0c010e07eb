// `npm run chat`: talk to the bot in the terminal — same pipeline, in-process stores, no Redis,
// no credentials. Lines starting with ":" are console commands (:help lists them).
import readline from "node:readline";
import { loadKnowledge } from "../../conversation/kb-loader.js";
import { dataDir, loadEnv } from "../../../knowledge/infra/env.js";
import { logger } from "../../../knowledge/infra/logger.js";
import { loadConversationConfig } from "../../conversation/config.js";
import { buttonsOf, createConsoleChat } from "./console-chat.js";
import { openLocalDesk } from "./local-desk.js";
import type { Reply } from "../../conversation/types.js";

const CONSOLE_HELP = `控制台指令：
  :group        切换到群聊模式（默认私聊）；群聊中消息默认 @机器人，行首加 "-" 表示不 @
  :p2p          切换回私聊
  :image        发送一张“图片”（非文字消息）
  :click N      点击上一条回复的第 N 个按钮（从 1 开始）
  :user NAME    切换发言人
  :quit 或 exit  退出`;

function show(replies: Reply[]): void {
  if (replies.length === 0) {
    console.log("（机器人未回复）\n");
    return;
  }
  for (const r of replies) {
    console.log(`\n🤖 ${r.text}`);
    const buttons = buttonsOf(r);
    if (buttons.length) console.log(buttons.map((b, i) => `  [${i + 1}] ${b.text}`).join("\n"));
  }
  console.log("");
}

async function main(): Promise<void> {
  loadEnv();
  const dir = dataDir();
  logger.info(
    { dataDir: dir },
    "local mode (no Redis): in-process stores; tickets in the SQLite desk, feedback in DATA_DIR/feedback.jsonl",
  );
  const { kb, quickKb, close } = await loadKnowledge({ watchLocal: true });
  const info = kb.info();
  let mode: "p2p" | "group" = "p2p";
  let user = "console-user";
  const desk = await openLocalDesk(process.env, (line) => console.log(`\n${line}`), logger, quickKb);
  const withDesk = { handoff: desk.handoff, interceptors: desk.interceptors, observers: [desk.observer] };
  const chats = {
    p2p: createConsoleChat({
      kb,
      quickKb,
      chatType: "p2p",
      dataDir: dir,
      config: loadConversationConfig(),
      ...withDesk,
    }),
    group: createConsoleChat({
      kb,
      quickKb,
      chatType: "group",
      dataDir: dir,
      config: loadConversationConfig(),
      ...withDesk,
    }),
  };
  console.log(
    `企服通 控制台（本地模式，无 Redis）· 资料版本 ${info.version} · 输入 :help 查看控制台指令，输入「帮助」查看使用说明\n`,
  );

  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: "你> " });
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    try {
      if ([":quit", ":q", "exit", "quit", "退出"].includes(line)) break;
      else if (line === ":help") console.log(CONSOLE_HELP);
      else if (line === ":group" || line === ":p2p") {
        mode = line === ":group" ? "group" : "p2p";
        console.log(`已切换到${mode === "group" ? "群聊" : "私聊"}模式`);
      } else if (line.startsWith(":user ")) user = line.slice(6).trim() || user;
      else if (line === ":image") show(await chats[mode].send("", { type: "other", user }));
      else if (line.startsWith(":click")) {
        const n = Number(line.slice(6).trim());
        const res = await chats[mode].click(n - 1, { user });
        if (res.toast) console.log(`（提示：${res.toast}）`);
        show([...(res.reply ? [res.reply] : []), ...(res.messages ?? [])]);
      } else {
        const noMention = mode === "group" && line.startsWith("-");
        show(await chats[mode].send(noMention ? line.slice(1) : line, { user, mention: !noMention }));
      }
    } catch (err) {
      console.log(`（${(err as Error).message}）`);
    }
    rl.prompt();
  }
  rl.close();
  await desk.close();
  await close(); // stops watching the index, so the process ends with the input
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
