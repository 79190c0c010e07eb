// Several bot processes starting together on one fresh SQLite ticket database all come up.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "qft-mig-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const root = path.resolve(import.meta.dirname, "../..");
function migrateInChild(file: string): Promise<string> {
  const code = `import { openDeskDb } from ${JSON.stringify(path.join(root, "bot/tickets/db.ts"))};
import { migrateToLatest } from ${JSON.stringify(path.join(root, "bot/tickets/migrations.ts"))};
const o = openDeskDb("sqlite:${file}"); await migrateToLatest(o.db); await o.db.destroy(); console.log("migrated");`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: root });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", () => resolve(out.trim()));
  });
}

describe("ticket database migrations", () => {
  it("three processes migrating one new SQLite file at once all succeed", async () => {
    const file = path.join(dir, "desk.db");
    const outputs = await Promise.all([migrateInChild(file), migrateInChild(file), migrateInChild(file)]);
    for (const out of outputs) expect(out).toMatch(/migrated$/);
  }, 60_000);
});
