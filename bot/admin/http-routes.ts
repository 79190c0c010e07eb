// POST /admin/ingest (bearer token; multipart upload of documents, or JSON {paths}) and
// GET /admin/ingest/:id. Register with `app.register(adminIngestRoutes, {...})`.
// Authorisation is a route-level onRequest hook on each route: whatever spelling of the URL
// Fastify decodes to one of these routes (%61dmin, //admin, trailing slash …) runs it.
import { randomUUID, timingSafeEqual, createHash } from "node:crypto";
import { createWriteStream, promises as fs } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import multipart from "@fastify/multipart";
import type { Queue } from "bullmq";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { SUPPORTED_EXTENSIONS } from "../../knowledge/loaders/index.js";
import { type ReingestJobData, type ReingestJobResult, enqueueReingest } from "./queue.js";

export interface AdminIngestOptions {
  queue: Queue<ReingestJobData>;
  /** Bearer token; without one the routes answer 503 (admin API disabled). */
  token?: string;
  /** Where uploads are stored before the job reads them (DATA_DIR/uploads). */
  uploadDir: string;
  maxFileBytes: number;
  /** Server paths in `paths` must lie under this directory; unset = only uploaded files. */
  allowedDir?: string;
}

const JsonBody = z
  .object({
    paths: z.array(z.string().min(1)).max(1000).optional(),
    dryRun: z.boolean().optional(),
    skipBad: z.boolean().optional(),
    force: z.boolean().optional(),
    only: z.boolean().optional(),
  })
  .strict();

const hash = (s: string) => createHash("sha256").update(s).digest();

function authorised(req: FastifyRequest, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  return !!m && timingSafeEqual(hash(m[1].trim()), hash(token));
}

/** BullMQ waits for a connection that may never come (Redis down): give up and answer 503. */
const QUEUE_TIMEOUT_MS = 3000;
function bounded<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("job queue did not answer in time")), QUEUE_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const problem = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply.code(status).send({ error: { code, message } });

export const adminIngestRoutes: FastifyPluginAsync<AdminIngestOptions> = async (app, opts) => {
  await app.register(multipart, { limits: { fileSize: opts.maxFileBytes, files: 50, fields: 20 } });

  const requireToken = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!opts.token) return problem(reply, 503, "ADMIN_DISABLED", "管理接口未启用（未配置 ADMIN_TOKEN）。");
    if (!authorised(req, opts.token)) return problem(reply, 401, "UNAUTHORIZED", "未授权：请提供有效的管理令牌。");
  };

  // Redis (the job queue) down, or anything unexpected: a plain 503, never the driver's text.
  app.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    if (err.statusCode && err.statusCode < 500) return problem(reply, err.statusCode, "BAD_REQUEST", "请求格式错误。");
    req.log.error({ err: err.message }, "admin ingest request failed");
    return problem(
      reply,
      503,
      "UNAVAILABLE",
      "管理接口暂时不可用（任务队列无法访问），请稍后再试。线上知识库不受影响。",
    );
  });

  app.post("/admin/ingest", { onRequest: requireToken }, async (req, reply) => {
    let body: z.infer<typeof JsonBody> = {};
    const uploaded: string[] = [];
    const requestDir = path.join(opts.uploadDir, randomUUID());
    if (req.isMultipart()) {
      const fields: Record<string, string> = {};
      try {
        for await (const part of req.parts()) {
          if (part.type === "file") {
            const name = path.basename(part.filename || "").replace(/[^\p{L}\p{N}._-]/gu, "_");
            if (!name || !SUPPORTED_EXTENSIONS.includes(path.extname(name).toLowerCase())) {
              part.file.resume();
              await cleanup(requestDir);
              return problem(
                reply,
                400,
                "UNSUPPORTED_TYPE",
                `不支持的文件类型：${part.filename}（支持 ${SUPPORTED_EXTENSIONS.join(" ")}）`,
              );
            }
            await fs.mkdir(requestDir, { recursive: true });
            const dest = path.join(requestDir, name);
            await pipeline(part.file, createWriteStream(dest));
            if (part.file.truncated) {
              await cleanup(requestDir);
              return problem(reply, 413, "TOO_LARGE", `文件超过大小上限：${part.filename}`);
            }
            uploaded.push(dest);
          } else fields[part.fieldname] = String(part.value);
        }
      } catch (e) {
        await cleanup(requestDir);
        const tooLarge = (e as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE";
        return problem(
          reply,
          tooLarge ? 413 : 400,
          tooLarge ? "TOO_LARGE" : "BAD_UPLOAD",
          tooLarge ? "文件超过大小上限。" : "上传内容无法解析。",
        );
      }
      const flag = (k: string) => (fields[k] === undefined ? undefined : /^(1|true|yes)$/i.test(fields[k]));
      body = { dryRun: flag("dryRun"), skipBad: flag("skipBad"), force: flag("force"), only: flag("only") };
      if (fields.paths)
        body.paths = fields.paths
          .split(/[\n,]/)
          .map((s) => s.trim())
          .filter(Boolean);
    } else if (req.body !== undefined && req.body !== null) {
      const parsed = JsonBody.safeParse(req.body);
      if (!parsed.success)
        return problem(
          reply,
          400,
          "BAD_REQUEST",
          `请求格式错误：${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
        );
      body = parsed.data;
    }
    const refused = await refusedPaths(body.paths ?? [], opts.allowedDir);
    if (refused.length) {
      await cleanup(requestDir);
      const where = opts.allowedDir
        ? `只接受上传的文件或 ${opts.allowedDir} 下的路径`
        : "只接受上传的文件（未配置 INGEST_ALLOWED_DIR）";
      return problem(reply, 400, "PATH_NOT_ALLOWED", `不允许的路径：${refused.slice(0, 5).join("、")}（${where}）。`);
    }
    const paths = [...uploaded, ...(body.paths ?? []).map((p) => path.resolve(opts.allowedDir!, p))];
    if (body.only && !paths.length) return problem(reply, 400, "BAD_REQUEST", "only=true 需要上传文件或提供 paths。");
    const out = await bounded(
      enqueueReingest(opts.queue, {
        source: "http",
        requestedBy: `http:${req.ip}`,
        request: { paths, dryRun: body.dryRun, skipBad: body.skipBad, force: body.force, only: body.only },
        cleanupDir: uploaded.length ? requestDir : undefined,
      }),
    ).catch(async (err: unknown) => {
      await cleanup(requestDir);
      throw err;
    });
    if (!out.queued) {
      await cleanup(requestDir);
      return problem(reply, 409, "BUSY", `已有一次知识库更新正在进行（任务 ${out.runningJobId}）。`);
    }
    return reply.code(202).send({
      id: out.jobId,
      status: "queued",
      files: uploaded.map((f) => path.basename(f)),
      statusUrl: `/admin/ingest/${out.jobId}`,
    });
  });

  app.get<{ Params: { id: string } }>("/admin/ingest/:id", { onRequest: requireToken }, async (req, reply) => {
    const job = await bounded(opts.queue.getJob(req.params.id));
    if (!job) return problem(reply, 404, "NOT_FOUND", "没有这个任务。");
    const state = await bounded(job.getState());
    const result = job.returnvalue as ReingestJobResult | null;
    return {
      id: job.id,
      state,
      source: job.data.source,
      progress: job.progress,
      createdAt: new Date(job.timestamp).toISOString(),
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      result: result
        ? {
            status: result.status,
            version: result.version,
            text: result.text,
            diff: result.report?.diff ?? null,
            skipped: result.report?.skipped ?? [],
          }
        : null,
      error: job.failedReason ?? null,
    };
  });
};

/**
 * The requested server paths that may not be ingested: everything when no directory is allowed,
 * else what resolves outside it — lexically first (nothing outside is ever touched), then through
 * symlinks for what exists.
 */
export async function refusedPaths(paths: string[], allowedDir: string | undefined): Promise<string[]> {
  if (!paths.length) return [];
  if (!allowedDir) return paths;
  const root = path.resolve(allowedDir);
  const realRoot = await fs.realpath(root).catch(() => root);
  const inside = (p: string, r: string) => p === r || p.startsWith(r.endsWith(path.sep) ? r : r + path.sep);
  const out: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(root, p);
    if (p.includes("\0") || !inside(abs, root)) {
      out.push(p);
      continue;
    }
    const real = await fs.realpath(abs).catch(() => abs);
    if (!inside(real, realRoot) && !inside(real, root)) out.push(p);
  }
  return out;
}

async function cleanup(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
}
