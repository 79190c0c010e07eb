// Small talk, typed button labels and Traditional script in the conversation layer (KB test double).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createConsoleChat } from "../../bot/channels/console/console-chat.js";
import { smallTalk } from "../../bot/conversation/small-talk.js";
import { parseTypedButton } from "../../bot/conversation/typed-buttons.js";
import { FakeKb } from "./fake-kb.js";

const tmp = () => path.join(os.tmpdir(), `qft-test-${randomUUID()}`);

describe("small talk", () => {
  it.each([
    ["您好", "greeting"],
    ["hi", "greeting"],
    ["在吗？", "greeting"],
    ["多谢！", "thanks"],
    ["好的，谢谢", "thanks"],
    ["嗯嗯 收到", "ack"],
    ["OK", "ack"],
    ["拜拜~", "goodbye"],
    ["谢谢，再见", "thanks"],
    ["Thank you!", "thanks"],
  ])("%s is %s", (text, kind) => {
    expect(smallTalk(text)).toBe(kind);
  });

  it.each(["谢谢，那费率呢", "你好，融资担保找谁", "好的担保公司有哪些", "hello, can we get a loan?"])(
    "%s is a question, not small talk",
    (text) => {
      expect(smallTalk(text)).toBeNull();
    },
  );

  it("greets with example questions, thanks with 不客气, and never asks the KB", async () => {
    const kb = new FakeKb();
    const chat = createConsoleChat({ kb });
    const hello = await chat.say("您好");
    expect(hello).toContain("您可以这样问");
    expect(hello.match(/· /g)).toHaveLength(2);
    expect(await chat.say("好的，谢谢！")).toContain("不客气");
    expect(await chat.say("再见")).toContain("再见");
    for (const t of [hello]) expect(t).not.toContain("不在");
    expect(kb.calls).toHaveLength(0);
  });

  it("answers English small talk in English", async () => {
    const chat = createConsoleChat({ kb: new FakeKb() });
    expect(await chat.say("hello")).toMatch(/^Hello!/);
    expect(await chat.say("thanks")).toContain("You're welcome");
  });
});

describe("typed button labels", () => {
  it.each([
    ["已解决", "solved"],
    ["解决了！", "solved"],
    ["没解决", "unsolved"],
    ["没解决，转人工", "unsolved"],
    ["还没解决", "unsolved"],
  ])("%s acts as %s", (text, kind) => expect(parseTypedButton(text)).toBe(kind));

  it("没解决 typed after an answer hands the answer off as the button does; 解决了 records feedback", async () => {
    const dir = tmp();
    const kb = new FakeKb();
    const chat = createConsoleChat({ kb, dataDir: dir });
    await chat.say("融资担保找谁？");
    expect(await chat.say("解决了")).toContain("感谢您的反馈");
    await chat.say("融资担保找谁？");
    expect(await chat.say("没解决")).toContain("人工服务请求");
    expect(kb.calls).toHaveLength(2); // the labels never reached the KB as questions
    const fb = fs
      .readFileSync(path.join(dir, "feedback.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).data);
    expect(fb.map((f) => f.solved)).toEqual([true, false]);
    const handoff = JSON.parse(fs.readFileSync(path.join(dir, "handoff.jsonl"), "utf8").trim()).data;
    expect(handoff).toMatchObject({ via: "button", project: 4 });
    expect(handoff.question).toContain("融资担保找谁");
  });

  it("a command typed in Traditional characters works (轉人工)", async () => {
    const dir = tmp();
    const chat = createConsoleChat({ kb: new FakeKb(), dataDir: dir });
    await chat.say("融资担保找谁？");
    expect(await chat.say("轉人工")).toContain("人工服务请求");
  });
});
