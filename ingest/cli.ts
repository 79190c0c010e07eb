// npm run ingest -- [paths…] [--dry-run] [--skip-bad] [--force] [--only] [--json]
// npm run ingest -- --rollback | --list | --remove NAME
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { dataDir as defaultDataDir, DEFAULT_CORPUS_DIR } from "../knowledge/infra/env.js";
import { createLogger } from "../knowledge/infra/logger.js";
import { IngestError, USER_MESSAGES } from "./errors.js";
import { STAGE_NAMES, describeAdditions, describeReport } from "./report-text.js";
import type { AdditionRecord } from "./pipeline/additions.js";
import { indexLayout } from "./pipeline/layout.js";
import { rollback } from "./pipeline/rollback.js";
import { currentVersion } from "./pipeline/versions.js";
import type { Stage } from "./pipeline/run.js";
import { ingestConfig } from "./config.js";
import { ingest, notifyRedis } from "./service.js";

const USAGE = `用法 / usage:
  npm run ingest                       重建：内置语料 + DATA_DIR/corpus 中已添加的文档
  npm run ingest -- 文件或目录…        另加（或以同名文件替换）这些文档；发布后保存到 DATA_DIR/corpus
  npm run ingest -- --only 路径…       只用给出的文档构建
  npm run ingest -- --rollback         回滚到上一个版本（已添加文档随之恢复为上一版本的集合）
  npm run ingest -- --list             列出已添加的文档（标题、源文件、效力、添加版本）
  npm run ingest -- --remove 名称      移除一个已添加的文档（id、文件名或标题），重建并发布
选项: --dry-run 构建并校验、打印差异，不发布；--skip-bad 跳过坏文档发布其余；
      --force 内容未变也重建；--json 输出 JSON 报告；--data-dir DIR；--corpus DIR`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean" },
      "skip-bad": { type: "boolean" },
      force: { type: "boolean" },
      only: { type: "boolean" },
      rollback: { type: "boolean" },
      list: { type: "boolean" },
      remove: { type: "string", multiple: true },
      json: { type: "boolean" },
      "data-dir": { type: "string" },
      corpus: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = values["data-dir"] ?? defaultDataDir();
  const cfg = ingestConfig();
  if (values.rollback) {
    const res = await rollback(
      dataDir,
      cfg.REDIS_URL ? (v, d) => notifyRedis(cfg.REDIS_URL!, v, d, cfg.INDEX_CHANNEL) : undefined,
    );
    console.log(values.json ? JSON.stringify(res) : `已回滚：${res.from} → ${res.to}`);
    return 0;
  }
  if (values.list) {
    const live = await currentVersion(indexLayout(dataDir));
    const records = (live?.manifest.additions as AdditionRecord[] | undefined) ?? [];
    if (values.json) console.log(JSON.stringify({ version: live?.id ?? null, additions: records }, null, 2));
    else console.log(describeAdditions(live?.id ?? null, records));
    return 0;
  }
  if (values.only && !positionals.length) {
    console.error("--only 需要至少一个路径\n" + USAGE);
    return 2;
  }
  const bar = new cliProgress.SingleBar(
    { format: " {stage} [{bar}] {value}/{total}", hideCursor: true, clearOnComplete: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let barStage: Stage | null = null;
  const report = await ingest({
    dataDir,
    corpusDir: values.corpus ?? (cfg.INGEST_CORPUS_DIR || DEFAULT_CORPUS_DIR),
    paths: positionals,
    only: values.only,
    remove: values.remove,
    dryRun: values["dry-run"],
    skipBad: values["skip-bad"],
    force: values.force,
    log: createLogger(process.env.LOG_LEVEL ?? "warn").child({ module: "ingest" }),
    onProgress: (p) => {
      if (!p.total) return;
      if (barStage !== p.stage) {
        if (barStage) bar.stop();
        bar.start(p.total, p.done, { stage: STAGE_NAMES[p.stage] });
        barStage = p.stage;
      } else bar.update(p.done);
    },
  }).finally(() => bar.stop());
  console.log(values.json ? JSON.stringify(report, null, 2) : describeReport(report));
  return report.status === "rejected" ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof IngestError) {
      console.error(`${USER_MESSAGES[e.code]}\n${e.message}`);
      process.exit(2);
    }
    console.error(e);
    process.exit(1);
  },
);
