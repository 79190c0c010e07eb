#!/usr/bin/env node
// Independent acceptance check of document ingestion (holdback2).
// Usage: node /work/holdback2/check.mjs <checkout> [--keep] [--concurrency N]
// Ingests every file under ./docs into a fresh DATA_DIR, checks the corrupt PDF is refused by name,
// asks every question of ./questions.jsonl with `npm run ask -- --json`, scores, prints a JSON summary.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
const DOCS = join(HERE, 'docs');
const CORRUPT = 'broken-scan.pdf';

const args = process.argv.slice(2);
const checkout = args.find((a) => !a.startsWith('--'));
if (!checkout) {
  console.error('usage: node check.mjs <checkout> [--keep] [--concurrency N]');
  process.exit(2);
}
const keep = args.includes('--keep');
const ci = args.indexOf('--concurrency');
const CONCURRENCY = ci >= 0 ? Number(args[ci + 1]) : 2;
const ROOT = resolve(checkout);
const CORPUS = join(ROOT, 'knowledge/corpus');

function run(cmd, argv, env, timeoutMs = 900_000) {
  return new Promise((res) => {
    const t0 = Date.now();
    const p = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => p.kill('SIGTERM'), timeoutMs);
    p.on('close', (code) => {
      clearTimeout(timer);
      res({ code, out, err, ms: Date.now() - t0 });
    });
  });
}

// ---------- document texts (for "figures come from the cited document") ----------
function docxText(buf) {
  // minimal zip reader: find word/document.xml via the central directory
  let eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const cdOff = buf.readUInt32LE(eocd + 16);
  const n = buf.readUInt16LE(eocd + 10);
  let p = cdOff;
  for (let i = 0; i < n; i++) {
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const cmtLen = buf.readUInt16LE(p + 32);
    const lho = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString();
    if (name === 'word/document.xml') {
      const lNameLen = buf.readUInt16LE(lho + 26);
      const lExtra = buf.readUInt16LE(lho + 28);
      const data = buf.subarray(lho + 30 + lNameLen + lExtra, lho + 30 + lNameLen + lExtra + csize);
      const xml = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
      return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
    }
    p += 46 + nameLen + extraLen + cmtLen;
  }
  return '';
}
function fileText(path) {
  const ext = extname(path).toLowerCase();
  const buf = readFileSync(path);
  if (ext === '.docx') return docxText(buf);
  if (ext === '.pdf') return '';
  let s;
  try {
    s = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    s = new TextDecoder('gbk').decode(buf);
  }
  if (ext === '.html' || ext === '.htm') s = s.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');
  return s;
}
const norm = (s) => String(s ?? '').normalize('NFKC').replace(/\s+/g, '');

const DOCTEXT = new Map(); // file name -> normalised text
const docFiles = readdirSync(DOCS).map((f) => join(DOCS, f));
const corpusFiles = [
  join(CORPUS, '2024-hangzhou-wei-qi-ban-shi-shi-notice.txt'),
  ...readdirSync(join(CORPUS, 'related')).map((f) => join(CORPUS, 'related', f)),
];
for (const f of [...docFiles, ...corpusFiles]) DOCTEXT.set(basename(f), norm(fileText(f)));

// How each expected file is recognised in an answer: its stem in a passage/doc id, or its title.
const stem = (f) => basename(f, extname(f));
const TITLE_KEYS = {
  '2026年杭州市为企办实事项目.txt': [/2026年.*为企办实事/],
  '2024-hangzhou-wei-qi-ban-shi-shi-notice.txt': [/2024年.*为企办实事/],
  '西湖区数字经济企业发展专项资金管理办法.docx': [/西湖区数字经济企业发展专项资金管理办法/],
  'hangzhou-shangwu-waimao-cuoshi.txt': [/支持外贸企业开拓国际市场/],
  'qiantang-rencai-zufang-butie.html': [/青年人才租房补贴/],
  'hangzhou-shuzihua-gaizao-xize-2026.md': [/数字化改造项目补助实施细则.*2026/, /杭经信〔2026〕9号/],
  'hangzhou-shuzihua-gaizao-xize-2024.md': [/^杭州市中小企业数字化改造项目补助实施细则$/, /杭经信〔2024〕21号/],
};
function fileOfCitation(c) {
  const pid = String(c.passageId ?? c.id ?? '');
  const docId = pid.split('#')[0];
  for (const f of DOCTEXT.keys()) if (docId && (docId === stem(f) || norm(docId) === norm(stem(f)))) return f;
  const title = norm(c.document ?? c.title ?? '');
  for (const [f, keys] of Object.entries(TITLE_KEYS)) if (keys.some((k) => k.test(title))) return f;
  for (const f of DOCTEXT.keys()) if (title && title.length >= 6 && DOCTEXT.get(f).slice(0, 400).includes(title)) return f;
  return null;
}
function matchesDoc(expected, r) {
  const cites = (r.citations ?? []).map(fileOfCitation);
  const docObj = r.document && typeof r.document === 'object' ? r.document : null;
  const primary = [];
  if (docObj) primary.push(fileOfCitation({ passageId: docObj.id, document: docObj.title }));
  if (r.notice) primary.push(fileOfCitation({ passageId: r.notice.docId, document: r.notice.title }));
  return {
    cited: cites.includes(expected) || primary.includes(expected),
    citedFirst: cites[0] === expected,
    files: [...new Set([...primary, ...cites].filter(Boolean))],
  };
}

// ---------- units ----------
const stripAlias = (s) => norm(s).replace(/[（(][^）)]*[）)]/g, '');
function unitMatch(accepted, candidates) {
  const cands = candidates.filter(Boolean).flatMap((c) => [stripAlias(c), norm(c)]);
  return accepted.some((a) => {
    const A = stripAlias(a);
    return cands.some((c) => c === A || (c.length >= 3 && (c.includes(A) || A.includes(c))));
  });
}

// ---------- output parsing ----------
function parseJson(out) {
  // npm prints its banner and the app may log JSON lines first; the result is the pretty-printed object.
  const starts = [];
  for (let i = out.indexOf('\n{\n'); i >= 0; i = out.indexOf('\n{\n', i + 1)) starts.push(i + 1);
  if (out.startsWith('{')) starts.unshift(0);
  for (const s of starts.reverse()) {
    const end = out.lastIndexOf('}');
    try {
      const o = JSON.parse(out.slice(s, end + 1));
      if (o && typeof o === 'object' && 'answer' in o) return o;
    } catch {
      /* try the next candidate */
    }
  }
  for (const line of out.split('\n').reverse()) {
    try {
      const o = JSON.parse(line);
      if (o && typeof o === 'object' && 'answer' in o) return o;
    } catch {
      /* not JSON */
    }
  }
  return null;
}

const FIG_RE = /\d+(?:[.,]\d+)*\s*(?:%|万元|亿元|元)/g;
const DECLINED = new Set(['escalate', 'decline', 'refuse', 'out_of_scope']);
const STALE_RE = /已失效|失效|已废止|废止|superseded|no longer in force|not in force|expired|已过期/i;

async function pool(items, n, fn) {
  const res = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        res[i] = await fn(items[i], i);
      }
    }),
  );
  return res;
}

// ---------- main ----------
const dataDir = mkdtempSync(join(tmpdir(), 'hb2-data-'));
const env = { DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
console.log(`checkout ${ROOT}\nDATA_DIR ${dataDir}`);

const ing = await run('npm', ['run', 'ingest', '--', '--skip-bad', ...docFiles], env);
const ingOut = ing.out + '\n' + ing.err;
writeFileSync(join(dataDir, 'ingest.log'), ingOut);
const corruptLines = ingOut.split('\n').filter((l) => l.includes(CORRUPT));
const corruptRefused =
  corruptLines.length > 0 &&
  corruptLines.some((l) => /bad|corrupt|invalid|fail|skip|refus|reject|error|damag|损坏|无法|失败|拒绝|跳过/i.test(l));
console.log(`ingest exit ${ing.code} in ${ing.ms} ms; corrupt pdf refused by name: ${corruptRefused}`);
for (const l of corruptLines.slice(0, 3)) console.log(`  | ${l.slice(0, 300)}`);
const list = await run('npm', ['run', 'ingest', '--', '--list'], env);
const listOut = list.out + list.err;
const ingested = Object.fromEntries(
  docFiles.filter((f) => basename(f) !== CORRUPT).map((f) => [basename(f), listOut.includes(basename(f)) || listOut.includes(stem(f))]),
);
const corruptListed = listOut.includes(CORRUPT);
console.log(`listed after ingest: ${JSON.stringify(ingested)}; corrupt listed: ${corruptListed}`);

const questions = readFileSync(join(HERE, 'questions.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

const results = await pool(questions, CONCURRENCY, async (q) => {
  const r = await run('npm', ['run', 'ask', '--', '--json', q.q], env, 180_000);
  const o = parseJson(r.out);
  const row = { id: q.id, ms: r.ms };
  if (!o) {
    const all = `${r.out}\n${r.err}`;
    const msg = all.split('\n').filter((l) => /Error|error:|throw|ENOENT|EACCES/.test(l) && !/^\s+at /.test(l)).slice(0, 3).join(' | ');
    row.error = `no JSON (exit ${r.code}): ${msg || all.slice(-300)}`;
    return row;
  }
  const answer = String(o.answer ?? '');
  const A = norm(answer);
  row.action = o.action;
  row.confidence = o.confidence;
  row.project = o.project ?? null;
  row.noticeYear = o.notice?.year ?? null;
  row.document = o.document && typeof o.document === 'object' ? o.document.title ?? o.document.id : o.document ?? null;
  row.leadUnits = o.leadUnits ?? [];
  const m = matchesDoc(q.document, o);
  row.citedFiles = m.files;
  if (q.notCovered) {
    row.declined = DECLINED.has(o.action);
    return row;
  }
  row.cited = m.cited;
  row.citedFirst = m.citedFirst;
  if (q.unit.length) {
    const structured = [...(o.leadUnits ?? []), o.document?.issuer, o.unit, o.primaryUnit].filter((x) => typeof x === 'string');
    row.unit = unitMatch(q.unit, structured);
    row.unitInText = q.unit.some((u) => A.includes(stripAlias(u)));
  }
  if (q.facts.length) {
    row.missingFacts = q.facts.filter((f) => !A.includes(norm(f)));
    row.facts = row.missingFacts.length === 0;
  }
  if (q.year) row.year = row.noticeYear === q.year || A.includes(`${q.year}年目标`);
  // every % / 元 figure in the answer must appear in one of the documents the answer cites
  const citedTexts = m.files.map((f) => DOCTEXT.get(f)).filter(Boolean);
  const figs = [...new Set((A.match(FIG_RE) ?? []).map((x) => x.replace(/,/g, '')))];
  row.strayFigures = citedTexts.length ? figs.filter((f) => !citedTexts.some((t) => t.includes(f))) : figs;
  row.figuresFromCited = row.strayFigures.length === 0;
  if (q.document === 'hangzhou-shuzihua-gaizao-xize-2024.md') row.staleFlagged = STALE_RE.test(answer);
  row.figuresChecked = figs.length;
  row.answerHead = answer.replace(/\n/g, ' ⏎ ').slice(0, 160);
  row.answer = answer;
  return row;
});

const pct = (xs) => (xs.length ? Math.round((1000 * xs.filter(Boolean).length) / xs.length) / 1000 : null);
const pick = (k, f = () => true) => results.filter((r, i) => f(questions[i]) && k in r).map((r) => r[k]);
for (const [i, r] of results.entries()) {
  const q = questions[i];
  const flag = (k) => (k in r ? (r[k] ? '✓' : '✗') : '·');
  const line = q.notCovered
    ? `${r.id} [notCovered] declined ${flag('declined')} action=${r.action} conf=${r.confidence} cites=${JSON.stringify(r.citedFiles)}`
    : `${r.id} doc ${flag('cited')} first ${flag('citedFirst')} unit ${flag('unit')} facts ${flag('facts')} year ${flag('year')} figs ${flag('figuresFromCited')}${'staleFlagged' in r ? ` stale ${flag('staleFlagged')}` : ''} action=${r.action} conf=${r.confidence} units=${JSON.stringify(r.leadUnits)} cites=${JSON.stringify(r.citedFiles)}${r.missingFacts?.length ? ` missing=${JSON.stringify(r.missingFacts)}` : ''}${r.strayFigures?.length ? ` stray=${JSON.stringify(r.strayFigures)}` : ''}`;
  console.log(r.error ? `${r.id} ERROR ${r.error}` : line);
  if (!r.error && !q.notCovered) console.log(`    q: ${q.q}\n    a: ${r.answerHead}`);
  if (!r.error && q.notCovered) console.log(`    q: ${q.q}`);
}
const ms = results.map((r) => r.ms).sort((a, b) => a - b);
const summary = {
  checkout: ROOT,
  n: results.length,
  errors: results.filter((r) => r.error).length,
  ingestExit: ing.code,
  corruptRefusedByName: corruptRefused,
  corruptListed,
  ingestedListed: ingested,
  citedDocument: pct(pick('cited')),
  citedDocumentFirst: pct(pick('citedFirst')),
  unit: pct(pick('unit')),
  unitNamedInText: pct(pick('unitInText')),
  facts: pct(pick('facts')),
  year: pct(pick('year')),
  figuresFromCited: pct(pick('figuresFromCited')),
  figuresChecked: pick('figuresChecked').reduce((a, b) => a + b, 0),
  notCoveredDeclined: pct(pick('declined')),
  supersededFlagged: pct(pick('staleFlagged')),
  inScopeDeclined: pct(results.filter((r, i) => !questions[i].notCovered && !r.error).map((r) => DECLINED.has(r.action))),
  perDocument: Object.fromEntries(
    [...new Set(questions.map((q) => q.document).filter(Boolean))].map((d) => {
      const on = (q) => q.document === d;
      return [d, { n: questions.filter(on).length, cited: pct(pick('cited', on)), unit: pct(pick('unit', on)), facts: pct(pick('facts', on)) }];
    }),
  ),
  askMsP50: ms[Math.floor(ms.length / 2)],
  askMsMax: ms[ms.length - 1],
};
writeFileSync(join(HERE, 'last-results.json'), JSON.stringify({ summary, results }, null, 1));
console.log(JSON.stringify(summary));
if (!keep) rmSync(dataDir, { recursive: true, force: true });
