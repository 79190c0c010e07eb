// The compact background word tables answer exactly as Maps built line by line from jieba's lists do.
import { dict, idf } from "@node-rs/jieba/dict.js";
import { describe, expect, it } from "vitest";
import { backgroundIdf, isFunctionWord, isPlaceName } from "../../knowledge/text/background.js";

const FUNCTIONAL = "t tg m mq mg q r rr rz rg d dg df p c u uj ul uz uv ud ug y e o f k h".split(" ");

describe("background word tables", () => {
  it("give every word of jieba's lists its idf, place-name and function-word flags", () => {
    const utf8 = new TextDecoder("utf-8");
    const idfs = new Map<string, number>();
    for (const line of utf8.decode(idf).split("\n")) {
      const space = line.indexOf(" ");
      if (space > 0) idfs.set(line.slice(0, space), Number(line.slice(space + 1)));
    }
    const places = new Set<string>();
    const functional = new Set<string>();
    const words = new Set<string>();
    for (const line of utf8.decode(dict).split("\n")) {
      const [word, , tag] = line.split(" ");
      words.add(word);
      if (tag === "ns") places.add(word);
      else if (tag && FUNCTIONAL.includes(tag.trim())) functional.add(word);
    }
    const wrong: string[] = [];
    for (const w of [...idfs.keys(), ...words, "不存在的词语", "杭州市企业服务", "", "x"]) {
      if (backgroundIdf(w) !== idfs.get(w)) wrong.push(`idf ${w}`);
      if (isPlaceName(w) !== places.has(w)) wrong.push(`place ${w}`);
      if (isFunctionWord(w) !== functional.has(w)) wrong.push(`function word ${w}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(isPlaceName("杭州")).toBe(true);
    expect(isFunctionWord("我们")).toBe(true);
    expect(backgroundIdf("企业")).toBeGreaterThan(0);
  }, 30_000);
});
