// Issue 12 items 1, 2, 12: the admin API's token is checked by the route itself, whatever URL
// spelling Fastify decodes to the route; `paths` may only name files under INGEST_ALLOWED_DIR and
// anything else is refused unread; with Redis down the API answers a plain 503.
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Queue } from "bullmq";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adminIngestRoutes, refusedPaths } from "../../bot/admin/http-routes.js";
import { createIngestQueue, type ReingestJobData } from "../../bot/admin/queue.js";
import { closeRedis, createRedis, type Redis } from "../../bot/infra/redis.js";
import { ingestConfig } from "../../ingest/config.js";
import { parseConfig } from "../../knowledge/infra/env.js";
import { IngestConfigSchema } from "../../ingest/config.js";
import { tempDir } from "./helpers.js";

const TOKEN = "test-admin-token-0123456789";
const prefix = `test-${randomUUID()}`;
let producer: Redis;
let queue: Queue<ReingestJobData>;
let http: FastifyInstance | undefined;
let dir: string;

beforeEach(async () => {
  producer = createRedis("redis://127.0.0.1:6379", "producer");
  queue = createIngestQueue(producer, `ingest-${randomUUID()}`, prefix);
  dir = await tempDir("admin-sec");
});
afterEach(async () => {
  await http?.close();
  http = undefined;
  await queue.obliterate({ force: true });
  await queue.close();
  await closeRedis(producer);
  await fs.rm(dir, { recursive: true, force: true });
});

async function server(
  opts: { token?: string; allowedDir?: string; queue?: Queue<ReingestJobData> } = {},
): Promise<FastifyInstance> {
  http = Fastify();
  await http.register(adminIngestRoutes, {
    queue: opts.queue ?? queue,
    token: "token" in opts ? opts.token : TOKEN,
    uploadDir: path.join(dir, "uploads"),
    maxFileBytes: 1024 * 1024,
    allowedDir: opts.allowedDir,
  });
  return http;
}

const waiting = async () => (await queue.getJobCounts("waiting", "active", "delayed")) as Record<string, number>;

describe("admin API authorisation is bound to the route", () => {
  const posts = [
    "/admin/ingest",
    "/%61dmin/ingest",
    "/admin/%69ngest",
    "/admin%2Fingest",
    "/%61dmin%2F%69ngest",
    "//admin/ingest",
    "/admin//ingest",
    "/admin/ingest/",
    "/ADMIN/INGEST",
    "/Admin/Ingest?x=1",
  ];
  const gets = [
    "/admin/ingest/1",
    "/admin/%69ngest/1",
    "/%61dmin/ingest/1",
    "//admin/ingest/1",
    "/admin/ingest/1/",
    "/ADMIN/ingest/1",
    "/admin%2Fingest%2F1",
  ];

  for (const token of [TOKEN, undefined]) {
    it(`no spelling of the URL reaches the routes without the token (ADMIN_TOKEN ${token ? "set" : "unset"})`, async () => {
      const app = await server({ token });
      for (const url of posts) {
        const r = await app.inject({ method: "POST", url, payload: {} });
        expect([401, 404, 503], `${url} → ${r.statusCode}`).toContain(r.statusCode);
        if (r.statusCode !== 404) expect(r.json().error.code).toBe(token ? "UNAUTHORIZED" : "ADMIN_DISABLED");
      }
      for (const url of gets) {
        const r = await app.inject({ method: "GET", url });
        expect([401, 404, 503], `${url} → ${r.statusCode}`).toContain(r.statusCode);
      }
      expect(await waiting()).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
    });
  }

  it("the encoded spellings that do reach the route work with the token", async () => {
    const app = await server();
    const r = await app.inject({
      method: "POST",
      url: "/%61dmin/ingest",
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: { dryRun: true },
    });
    expect(r.statusCode).toBe(202);
  });
});

describe("paths: only under INGEST_ALLOWED_DIR, never read otherwise", () => {
  const auth = { authorization: `Bearer ${TOKEN}` };

  it("refuses any server path when no directory is allowed", async () => {
    const app = await server();
    const r = await app.inject({
      method: "POST",
      url: "/admin/ingest",
      headers: auth,
      payload: { paths: ["/etc/passwd"] },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe("PATH_NOT_ALLOWED");
    expect(JSON.stringify(r.json())).not.toContain("root:");
    expect((await waiting()).waiting).toBe(0);
  });

  it("refuses paths outside the allowed directory (absolute, ../, symlinks) and accepts ones inside", async () => {
    const allowed = path.join(dir, "allowed");
    await fs.mkdir(allowed, { recursive: true });
    await fs.writeFile(path.join(allowed, "policy.md"), "# 政策\n正文");
    await fs.symlink("/etc/passwd", path.join(allowed, "link.txt"));
    await fs.writeFile(path.join(dir, "secret.md"), "secret");
    expect(
      await refusedPaths(["/etc/passwd", "../secret.md", `${allowed}/../secret.md`, "link.txt", "/"], allowed),
    ).toHaveLength(5);
    expect(await refusedPaths(["policy.md", path.join(allowed, "policy.md"), "."], allowed)).toEqual([]);

    const app = await server({ allowedDir: allowed });
    for (const paths of [["/etc/passwd"], ["../secret.md"], ["link.txt"], ["/"], ["policy.md", "/etc"]]) {
      const r = await app.inject({ method: "POST", url: "/admin/ingest", headers: auth, payload: { paths } });
      expect(r.statusCode, JSON.stringify(paths)).toBe(400);
    }
    expect((await waiting()).waiting).toBe(0);
    const ok = await app.inject({
      method: "POST",
      url: "/admin/ingest",
      headers: auth,
      payload: { paths: ["policy.md"], dryRun: true },
    });
    expect(ok.statusCode).toBe(202);
    const job = await queue.getJob(ok.json().id);
    expect(job?.data.request.paths).toEqual([path.join(allowed, "policy.md")]);
  });
});

describe("configuration and outages", () => {
  it("a blank ADMIN_TOKEN (copied from .env.example) means unset, not an error", () => {
    expect(ingestConfig({ ADMIN_TOKEN: "", INGEST_QUEUE: " " }).ADMIN_TOKEN).toBeUndefined();
    expect(parseConfig(IngestConfigSchema, { ADMIN_TOKEN: "  " }).INGEST_QUEUE).toBe("qft-ingest");
  });

  it("answers a plain 503 without driver text when the queue's Redis is down", async () => {
    const dead = createRedis("redis://127.0.0.1:1", "producer");
    const deadQueue = createIngestQueue(dead, `ingest-${randomUUID()}`, prefix);
    try {
      const app = await server({ queue: deadQueue });
      const auth = { authorization: `Bearer ${TOKEN}` };
      for (const req of [
        { method: "POST" as const, url: "/admin/ingest", payload: {} },
        { method: "GET" as const, url: "/admin/ingest/1" },
      ]) {
        const r = await app.inject({ ...req, headers: auth });
        expect(r.statusCode).toBe(503);
        expect(r.json().error.code).toBe("UNAVAILABLE");
        expect(r.body).not.toMatch(/ECONNREFUSED|enableOfflineQueue|Connection|stream/i);
      }
    } finally {
      await deadQueue.close().catch(() => undefined);
      await closeRedis(dead);
    }
  }, 30_000);
});
