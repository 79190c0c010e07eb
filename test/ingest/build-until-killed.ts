// Child process for the kill test: runs a forced build and, when asked, stops before a stage
// (printing PAUSED) so the parent can SIGKILL it there. Usage: tsx build-until-killed.ts DATA CORPUS STAGE|none
import { defaultCore } from "../../ingest/pipeline/core.js";
import { runIngest, type Stage } from "../../ingest/pipeline/run.js";

const [dataDir, corpus, pauseAt] = process.argv.slice(2);
process.stdout.write("STARTED\n");
for (let n = 1; ; n++) {
  const r = await runIngest({
    dataDir,
    sources: [corpus],
    corpusRoot: corpus,
    core: defaultCore(),
    force: true,
    beforeStage: async (stage: Stage) => {
      if (stage === pauseAt) {
        process.stdout.write("PAUSED\n");
        setInterval(() => undefined, 60_000); // stay alive until killed
        await new Promise(() => undefined);
      }
    },
  });
  process.stdout.write(`BUILT ${n} ${r.status}\n`);
}
