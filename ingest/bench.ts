// npm run bench:ingest — builds a synthetic corpus of 1,000 documents (~5 MB of text) plus the
// bundled notice, then prints: documents/s and peak memory of a cold full build, time of an unchanged
// re-ingest, a forced rebuild on a warm cache, a one-document change and a one-document removal
// (incremental publishes: wall and CPU time), index size on disk, and a summary against the targets.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_CORPUS_DIR } from "../knowledge/infra/env.js";
import { createLogger } from "../knowledge/infra/logger.js";
import { defaultCore } from "./pipeline/core.js";
import { indexLayout } from "./pipeline/layout.js";
import { type IngestOptions, runIngest } from "./pipeline/run.js";

const DOCS = Number(process.env.BENCH_DOCS ?? 1000);
const TARGET_BYTES = Number(process.env.BENCH_BYTES ?? 5 * 1024 * 1024);
const CN_NUM = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const WORDS = (
  "企业 服务 监管 部门 应当 依法 办理 申请 材料 审核 期限 工作日 公开 信息 平台 数据 安全 标准 质量 " +
  "检验 许可 登记 备案 资金 补助 项目 建设 管理 单位 责任 制度 机制 保障 促进 发展 创新 技术 人才 培训 " +
  "市场 主体 合同 履行 费用 收取 监督 检查 处罚 违法 行为 整改 复核 听证 程序 文书 送达 统计 调查 " +
  "园区 产业 升级 改造 节能 环保 排放 交通 物流 仓储 冷链 农业 合作社 乡村 文旅 体育 医疗 养老 托育"
).split(" ");

let seed = 42;
/** mulberry32: a small deterministic PRNG (the corpus is the same on every run). */
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
const sentence = () => Array.from({ length: 6 + Math.floor(rand() * 10) }, () => pick(WORDS)).join("") + "。";
const cnNum = (n: number): string =>
  n <= 10
    ? CN_NUM[n]
    : n < 20
      ? `十${n % 10 ? CN_NUM[n % 10] : ""}`
      : `${CN_NUM[Math.floor(n / 10)]}十${n % 10 ? CN_NUM[n % 10] : ""}`;

function lawDoc(i: number, bytes: number): string {
  const lines = [
    `---`,
    `title: 合成测试条例第${i}号`,
    `issuer: 合成测试机关`,
    `issued: 2020-01-01`,
    `effective: 2020-03-01`,
    `status: in_force`,
    `---`,
    `# 合成测试条例第${i}号`,
    "",
  ];
  let article = 1;
  let chapter = 1;
  while (Buffer.byteLength(lines.join("\n")) < bytes) {
    if (article % 8 === 1) lines.push(`## 第${cnNum(chapter++)}章 ${pick(WORDS)}${pick(WORDS)}`, "");
    lines.push(`第${cnNum(article++)}条 ${Array.from({ length: 2 + Math.floor(rand() * 3) }, sentence).join("")}`, "");
  }
  return lines.join("\n");
}

function proseDoc(i: number, bytes: number): string {
  const lines = [`合成测试通知第${i}号`, `测试办〔2024〕${i}号`, ""];
  let section = 1;
  while (Buffer.byteLength(lines.join("\n")) < bytes) {
    lines.push(
      `${cnNum(Math.min(section++, 99))}、${pick(WORDS)}${pick(WORDS)}`,
      Array.from({ length: 4 + Math.floor(rand() * 4) }, sentence).join(""),
      "",
    );
  }
  lines.push("合成测试机关", "2024年3月1日");
  return lines.join("\n");
}

async function duBytes(dir: string): Promise<number> {
  let n = 0;
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? await duBytes(p) : (await fs.stat(p)).size;
  }
  return n;
}

/** Runs one ingest and returns it with the CPU time this process spent on it (the machine may be shared). */
async function timed(opts: IngestOptions) {
  const c0 = process.cpuUsage();
  const report = await runIngest(opts);
  const c = process.cpuUsage(c0);
  return { report, cpuMs: (c.user + c.system) / 1000 };
}

const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const stagesOf = (ms: Record<string, number | undefined>) =>
  Object.entries(ms)
    .filter(([k]) => k !== "total")
    .map(([k, v]) => `${k} ${sec(v!)}`)
    .join(", ");

async function main(): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "qft-bench-ingest-"));
  const corpus = path.join(root, "corpus");
  const dataDir = path.join(root, "data");
  await fs.mkdir(corpus, { recursive: true });
  const per = Math.floor(TARGET_BYTES / DOCS);
  let total = 0;
  for (let i = 1; i <= DOCS; i++) {
    const text = i % 2 ? lawDoc(i, per) : proseDoc(i, per);
    total += Buffer.byteLength(text);
    await fs.writeFile(path.join(corpus, `synthetic-${String(i).padStart(4, "0")}.${i % 2 ? "md" : "txt"}`), text);
  }
  await fs.copyFile(
    path.join(DEFAULT_CORPUS_DIR, "2024-hangzhou-wei-qi-ban-shi-shi-notice.txt"),
    path.join(corpus, "notice.txt"),
  );
  console.log(`corpus: ${DOCS} synthetic documents + the notice, ${mb(total)} of text (${root})`);

  const log = createLogger("warn");
  const opts: IngestOptions = { dataDir, sources: [corpus], corpusRoot: corpus, core: defaultCore(), log };
  const { report: cold, cpuMs: coldCpu } = await timed(opts);
  if (cold.status !== "published") throw new Error(`cold build not published: ${JSON.stringify(cold.rejection)}`);
  const coldMs = cold.stats.ms.total!;
  console.log(
    `full build (cold cache): ${sec(coldMs)} — ${((DOCS + 1) / (coldMs / 1000)).toFixed(0)} documents/s, ${cold.stats.passages} passages, ${cold.stats.embedded} embedded; CPU ${sec(coldCpu)}`,
  );
  console.log(`  stages: ${stagesOf(cold.stats.ms)}`);
  const fullBuildPeak = process.resourceUsage().maxRSS * 1024;
  console.log(`full build peak memory (max RSS so far): ${mb(fullBuildPeak)}`);

  const { report: same, cpuMs: sameCpu } = await timed(opts);
  console.log(
    `unchanged re-ingest: ${sec(same.stats.ms.total!)} (status ${same.status}, ${same.stats.embedded} embedded; CPU ${sec(sameCpu)})`,
  );

  const { report: warm, cpuMs: warmCpu } = await timed({ ...opts, force: true });
  console.log(
    `forced rebuild, warm cache: ${sec(warm.stats.ms.total!)} (${warm.stats.embedded} embedded, ${warm.stats.cachedVectors} cached, status ${warm.status}; CPU ${sec(warmCpu)})`,
  );

  await fs.appendFile(path.join(corpus, "synthetic-0001.md"), "\n第九百九十九条 本条为基准测试新增条款。\n");
  const { report: one, cpuMs: oneCpu } = await timed(opts);
  console.log(
    `one document changed: ${sec(one.stats.ms.total!)} (${one.stats.embedded} passage(s) embedded, ${one.stats.keptVectors ?? 0} kept in the live graph, status ${one.status}; CPU ${sec(oneCpu)})`,
  );
  console.log(`  stages: ${stagesOf(one.stats.ms)}`);

  await fs.rm(path.join(corpus, "synthetic-0002.txt"));
  const { report: removed, cpuMs: removedCpu } = await timed(opts);
  console.log(
    `one document removed: ${sec(removed.stats.ms.total!)} (${removed.stats.keptVectors ?? 0} kept in the live graph, status ${removed.status}; CPU ${sec(removedCpu)})`,
  );
  console.log(`  stages: ${stagesOf(removed.stats.ms)}`);

  const layout = indexLayout(dataDir);
  const live = await fs.realpath(layout.current);
  console.log(
    `index size on disk: ${mb(await duBytes(live))} per version; cache ${mb(await duBytes(path.dirname(layout.cache)))}`,
  );
  console.log(`peak memory (max RSS): ${mb(process.resourceUsage().maxRSS * 1024)}`);
  console.log(
    `machine: ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")} (wall times grow when the machine is shared)`,
  );
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  console.log(
    [
      "summary:",
      `  full build (cold cache)     ${sec(coldMs).padStart(8)} wall ${sec(coldCpu).padStart(8)} CPU   target ≤ 60 s: ${verdict(coldMs <= 60_000)}`,
      `  unchanged re-ingest         ${sec(same.stats.ms.total!).padStart(8)} wall ${sec(sameCpu).padStart(8)} CPU   target ≤ 5 s: ${verdict(same.stats.ms.total! <= 5000)}`,
      `  one document changed        ${sec(one.stats.ms.total!).padStart(8)} wall ${sec(oneCpu).padStart(8)} CPU   target ≤ 2 s: ${verdict(one.stats.ms.total! <= 2000)}`,
      `  one document removed        ${sec(removed.stats.ms.total!).padStart(8)} wall ${sec(removedCpu).padStart(8)} CPU   target ≤ 2 s: ${verdict(removed.stats.ms.total! <= 2000)}`,
      `  full build peak memory      ${mb(fullBuildPeak).padStart(8)} max RSS               target < 400 MB: ${verdict(fullBuildPeak < 400 * 1048576)}`,
    ].join("\n"),
  );
  await fs.rm(root, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
