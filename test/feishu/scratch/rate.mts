import { monitorEventLoopDelay } from "node:perf_hooks";
import { startFeishuStack } from "../harness.js";
const worker = process.argv[2] !== "noworker";
const rate = Number(process.argv[3] ?? 80);
const s = await startFeishuStack({ env: { WORKER_ENABLED: String(worker), RATE_LIMIT_MAX: "1000" } });
const h = monitorEventLoopDelay({ resolution: 10 }); h.enable();
const lat: number[] = [];
const t0 = performance.now();
const ps: Promise<void>[] = [];
for (let i = 0; i < 400; i++) {
  const due = t0 + (i * 1000) / rate; const w = due - performance.now(); if (w > 1) await new Promise((r) => setTimeout(r, w));
  const { envelope } = s.emu.userMessage({ chatType: "p2p", text: "政府性融资担保的费率是多少？" });
  ps.push(s.emu.deliver(envelope).then((r) => void lat.push(r.delivery!.latencyMs)));
}
await Promise.all(ps);
lat.sort((a, b) => a - b);
console.log(`worker=${worker} rate=${rate}: ack p50 ${lat[200].toFixed(1)} p95 ${lat[380].toFixed(1)} max ${lat[399].toFixed(1)}; loop delay p50 ${(h.percentile(50)/1e6).toFixed(1)} p99 ${(h.percentile(99)/1e6).toFixed(1)} max ${(h.max/1e6).toFixed(0)} ms; bot msgs ${s.emu.state.botMessages().length}`);
await new Promise((r) => setTimeout(r, 3000));
console.log("bot msgs after 3s", s.emu.state.botMessages().length);
await s.close();
