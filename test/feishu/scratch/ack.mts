import { startFeishuStack } from "../harness.js";
const s = await startFeishuStack({ env: { WORKER_ENABLED: "false" } });
const lat: number[] = [];
for (let i = 0; i < 300; i++) {
  const { envelope } = s.emu.userMessage({ chatType: "p2p", text: "政府性融资担保的费率是多少？" });
  const r = await s.emu.deliver(envelope);
  lat.push(r.delivery!.latencyMs);
}
lat.sort((a, b) => a - b);
console.log("sequential ack p50", lat[150].toFixed(2), "p95", lat[285].toFixed(2), "max", lat[299].toFixed(2));
const t0 = performance.now();
const lat2 = await Promise.all(Array.from({ length: 300 }, async () => {
  const { envelope } = s.emu.userMessage({ chatType: "p2p", text: "q" });
  return (await s.emu.deliver(envelope)).delivery!.latencyMs;
}));
lat2.sort((a, b) => a - b);
console.log("burst 300: p50", lat2[150].toFixed(1), "p95", lat2[285].toFixed(1), "total ms", (performance.now() - t0).toFixed(0));
await s.close();
