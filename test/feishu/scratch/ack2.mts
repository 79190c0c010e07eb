import { startFeishuStack } from "../harness.js";
const s = await startFeishuStack({ env: { WORKER_ENABLED: "false" } });
for (let i = 0; i < 50; i++) { const { envelope } = s.emu.userMessage({ chatType: "p2p", text: "q" }); await s.emu.deliver(envelope); }
const c0 = process.cpuUsage(); const t0 = performance.now();
const N = 500;
const lat: number[] = [];
let i = 0;
await Promise.all(Array.from({ length: 8 }, async () => {
  while (i++ < N) { const { envelope } = s.emu.userMessage({ chatType: "p2p", text: "q" }); lat.push((await s.emu.deliver(envelope)).delivery!.latencyMs); }
}));
const c = process.cpuUsage(c0); const wall = performance.now() - t0;
lat.sort((a, b) => a - b);
console.log(`conc8: wall ${wall.toFixed(0)} ms, cpu user ${(c.user/1000).toFixed(0)} sys ${(c.system/1000).toFixed(0)} ms => cpu/req ${((c.user+c.system)/1000/N).toFixed(2)} ms, p50 ${lat[N/2|0].toFixed(1)} p95 ${lat[(N*0.95)|0].toFixed(1)}`);
await s.close();
