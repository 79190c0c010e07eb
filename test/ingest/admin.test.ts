import { randomUUID } from "node:crypto";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import type { Queue, Worker } from "bullmq";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../bot/conversation/types.js";
import { closeRedis, createRedis, type Redis } from "../../bot/infra/redis.js";
import { adminIngestRoutes } from "../../bot/admin/http-routes.js";
import {
  createIngestQueue,
  type ReingestJobData,
  type ReingestJobResult,
  startIngestWorker,
} from "../../bot/admin/queue.js";
import { createReingestInterceptor } from "../../bot/admin/reingest-command.js";
import { parseAllowlist } from "../../bot/tickets/identity.js";
import { indexLayout } from "../../ingest/pipeline/layout.js";
import { runIngest } from "../../ingest/pipeline/run.js";
import { currentVersion } from "../../ingest/pipeline/versions.js";
import { LAW_MD } from "./fixtures.js";
import { countingCore, makeCorpus, tempDir } from "./helpers.js";

const URL = "redis://127.0.0.1:6379";
const TOKEN = "test-admin-token-0123456789";
let producer: Redis;
let workerConn: Redis;
let queue: Queue<ReingestJobData>;
let worker: Worker<ReingestJobData, ReingestJobResult> | undefined;
let http: FastifyInstance | undefined;
let dataDir: string;
let corpus: string;
let queueName: string;
const prefix = `test-${randomUUID()}`;

beforeEach(async () => {
  producer = createRedis(URL, "producer");
  workerConn = createRedis(URL, "worker");
  queueName = `ingest-${randomUUID()}`;
  queue = createIngestQueue(producer, queueName, prefix);
  dataDir = await tempDir("admin");
  corpus = await makeCorpus(await tempDir("admin-corpus"));
});
afterEach(async () => {
  await http?.close();
  http = undefined;
  await worker?.close();
  worker = undefined;
  await queue.obliterate({ force: true });
  await queue.close();
  await closeRedis(producer, workerConn);
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.rm(corpus, { recursive: true, force: true });
});

const msg = (senderId: string, text: string): InboundMessage => ({
  platform: "feishu",
  tenant: "t1",
  chatId: "oc_admins",
  chatType: "p2p",
  senderId,
  messageId: `om_${randomUUID()}`,
  messageType: "text",
  text,
  mentionedBot: true,
  receivedAt: Date.now(),
});

describe("/reingest chat command", () => {
  it("refuses non-admins, queues for admins, and tells a second admin that one is running", async () => {
    const icpt = createReingestInterceptor({
      queue,
      admins: parseAllowlist(["ou_admin", "dingtalk:staff42"], "feishu"),
    });
    expect(await icpt.handleMessage(msg("ou_admin", "融资担保费率是多少？"))).toBeNull();

    const refused = await icpt.handleMessage(msg("ou_someone", "/reingest"));
    expect(refused?.[0]).toMatchObject({ kind: "text" });
    expect((refused![0] as { text: string }).text).toContain("只有管理员");
    expect(await queue.getJobCounts("waiting", "active")).toMatchObject({ waiting: 0, active: 0 });

    const usage = await icpt.handleMessage(msg("ou_admin", "/reingest everything now"));
    expect((usage![0] as { text: string }).text).toContain("用法");
    expect((await queue.getJobCounts("waiting")).waiting).toBe(0);

    const ok = await icpt.handleMessage(msg("ou_admin", "/reingest"));
    expect((ok![0] as { text: string }).text).toMatch(/已开始更新知识库（任务 \S+）/);
    const busy = await icpt.handleMessage({ ...msg("staff42", "/reingest"), platform: "dingtalk" });
    expect((busy![0] as { text: string }).text).toContain("已有一次知识库更新正在进行");
    expect((await queue.getJobCounts("waiting")).waiting).toBe(1);
    const status = await icpt.handleMessage(msg("ou_admin", "/reingest status"));
    expect((status![0] as { text: string }).text).toContain("进行中");
  });

  it(
    "an admin's /reingest runs as a BullMQ job in a child process and replies with progress and the diff",
    { timeout: 90_000 },
    async () => {
      await runIngest({ dataDir, sources: [corpus], corpusRoot: corpus, core: countingCore() });
      await fs.appendFile(path.join(corpus, "related/fapiao-guanli-banfa.md"), "\n第九十九条 测试新增条款。\n");
      const sent: { text: string; key: string; to?: string }[] = [];
      worker = startIngestWorker(
        queueName,
        workerConn,
        dataDir,
        {
          notify: async (data, text, key) => void sent.push({ text, key, to: data.message?.chatId }),
        },
        { prefix, corpusDir: corpus },
      );
      const icpt = createReingestInterceptor({ queue, admins: parseAllowlist(["ou_admin"], "feishu") });
      const reply = await icpt.handleMessage(msg("ou_admin", "/reingest"));
      const jobId = /任务 (\S+)）/.exec((reply![0] as { text: string }).text)![1];
      const job = (await queue.getJob(jobId))!;
      await new Promise<void>((resolve, reject) => {
        worker!.on("completed", (j) => j.id === jobId && resolve());
        worker!.on("failed", (j, e) => j?.id === jobId && reject(e));
      });
      const done = (await queue.getJob(job.id!))!;
      const result = done.returnvalue as ReingestJobResult;
      expect(result.status).toBe("published");
      expect((await currentVersion(indexLayout(dataDir)))?.id).toBe(result.version);
      const final = sent.find((s) => s.key.endsWith(":done"))!;
      expect(final.to).toBe("oc_admins");
      expect(final.text).toContain("已发布新版本");
      expect(final.text).toContain("变更《中华人民共和国发票管理办法》");
      expect(sent.some((s) => s.text.startsWith("正在"))).toBe(true); // progress
    },
  );
});

describe("HTTP /admin/ingest", () => {
  async function server(): Promise<FastifyInstance> {
    http = Fastify();
    await http.register(adminIngestRoutes, {
      queue,
      token: TOKEN,
      uploadDir: path.join(dataDir, "uploads"),
      maxFileBytes: 1024 * 1024,
    });
    return http;
  }
  const multipart = (files: { name: string; content: string }[], fields: Record<string, string> = {}) => {
    const boundary = `----qft${randomUUID()}`;
    const parts = [
      ...Object.entries(fields).map(
        ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
      ),
      ...files.map(
        (f) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${f.content}\r\n`,
      ),
    ];
    return {
      payload: Buffer.from(parts.join("") + `--${boundary}--\r\n`),
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    };
  };

  it("requires the bearer token", async () => {
    const app = await server();
    expect((await app.inject({ method: "POST", url: "/admin/ingest" })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: "POST", url: "/admin/ingest", headers: { authorization: "Bearer wrong" } }))
        .statusCode,
    ).toBe(401);
    expect((await app.inject({ method: "GET", url: "/admin/ingest/1" })).statusCode).toBe(401);
    expect((await queue.getJobCounts("waiting")).waiting).toBe(0);
  });

  it("rejects bad requests politely and changes nothing", async () => {
    const app = await server();
    const auth = { authorization: `Bearer ${TOKEN}` };
    const bad = await app.inject({
      method: "POST",
      url: "/admin/ingest",
      headers: auth,
      payload: { paths: "not-a-list" },
    });
    expect(bad.statusCode).toBe(400);
    const exe = multipart([{ name: "virus.exe", content: "MZ" }]);
    const r = await app.inject({
      method: "POST",
      url: "/admin/ingest",
      headers: { ...auth, ...exe.headers },
      payload: exe.payload,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe("UNSUPPORTED_TYPE");
    expect((await queue.getJobCounts("waiting")).waiting).toBe(0);
    expect((await app.inject({ method: "GET", url: "/admin/ingest/nope", headers: auth })).statusCode).toBe(404);
  });

  it(
    "uploads a document, runs the job, reports status and the diff; the document stays in the corpus",
    { timeout: 90_000 },
    async () => {
      await runIngest({ dataDir, sources: [corpus], corpusRoot: corpus, core: countingCore() });
      worker = startIngestWorker(queueName, workerConn, dataDir, {}, { prefix, corpusDir: corpus });
      const app = await server();
      const auth = { authorization: `Bearer ${TOKEN}` };
      const up = multipart([{ name: "service-law.md", content: LAW_MD }]);
      const res = await app.inject({
        method: "POST",
        url: "/admin/ingest",
        headers: { ...auth, ...up.headers },
        payload: up.payload,
      });
      expect(res.statusCode).toBe(202);
      const { id } = res.json() as { id: string };
      const second = await app.inject({ method: "POST", url: "/admin/ingest", headers: auth, payload: {} });
      expect(second.statusCode).toBe(409);

      let status: { state: string; result: { status: string; diff: { added: { id: string }[] } } | null } = {
        state: "",
        result: null,
      };
      const end = Date.now() + 80_000;
      while (Date.now() < end) {
        status = (await app.inject({ method: "GET", url: `/admin/ingest/${id}`, headers: auth })).json();
        if (status.state === "completed" || status.state === "failed") break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(status.state).toBe("completed");
      expect(status.result?.status).toBe("published");
      expect(status.result?.diff.added.map((a) => a.id)).toEqual(["service-law"]);
      expect(existsSync(path.join(dataDir, "corpus", "service-law.md"))).toBe(true);
      const cur = await currentVersion(indexLayout(dataDir));
      expect(cur?.manifest.documents.map((d) => d.id)).toContain("service-law");
    },
  );
});
