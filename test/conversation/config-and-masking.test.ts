// Issue 12 items 12 and 13: .env.example copied to .env starts (blank = unset everywhere), and
// personal data is masked in every written form: spaced, hyphenated and +86 mobiles, 15-digit IDs,
// local-mode record files.
import { promises as fs, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { loadConversationConfig } from "../../bot/conversation/config.js";
import { FileRecordLog } from "../../bot/infra/record-log.js";
import { loadServerConfig } from "../../bot/infra/server-config.js";
import { parseDeskConfig } from "../../bot/tickets/config.js";
import { ingestConfig } from "../../ingest/config.js";
import { parseLlmConfig } from "../../knowledge/llm/config.js";
import { maskPersonalData } from "../../knowledge/infra/mask.js";

describe(".env.example as .env", () => {
  it("every settings loader accepts it as shipped (blank values mean unset)", () => {
    const env = parse(readFileSync(path.join(import.meta.dirname, "../../.env.example"), "utf8"));
    expect(env.ADMIN_TOKEN).toBe("");
    expect(() => loadServerConfig(env)).not.toThrow();
    expect(() => loadConversationConfig(env)).not.toThrow();
    expect(ingestConfig(env).ADMIN_TOKEN).toBeUndefined();
    expect(() => parseDeskConfig(env)).not.toThrow();
    expect(() => parseLlmConfig(env)).not.toThrow();
  });
});

describe("masking", () => {
  it.each([
    ["+8613912345678", "13912345678"],
    ["手机 139 1234 5678", "1234 5678"],
    ["139-1234-5678", "1234-5678"],
    ["008613912345678", "13912345678"],
    ["老身份证号330106800101123", "800101123"],
    ["身份证33010619800101123X", "19800101123"],
    ["座机0571-87654321", "87654321"],
  ])("%s hides %s", (input, secret) => {
    expect(maskPersonalData(input)).not.toContain(secret);
  });

  it("leaves policy text, figures, dates and ticket numbers alone", () => {
    for (const s of ["担保费率不高于0.8%，贷款1000万元", "2024年11月26日", "QY-20241126-0007", "第十二条"])
      expect(maskPersonalData(s)).toBe(s);
  });

  it("local-mode record files (handoff.jsonl) hold masked text", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "records-"));
    try {
      const log = new FileRecordLog<{ question: string }>(dir, "handoff");
      await log.append({ question: "请联系我 139 1234 5678，身份证330106198001011234" });
      const text = await fs.readFile(path.join(dir, "handoff.jsonl"), "utf8");
      expect(text).not.toMatch(/1234 5678|198001011234/);
      expect(text).toContain("请联系我");
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
