// `npm start`: Fastify on PORT with /healthz, every configured channel's routes, the inbound worker,
// and graceful shutdown (stop accepting → stop channels → finish or hand back jobs → close Redis).
import Fastify, { type FastifyInstance } from "fastify";
import { createApp, type App, type AppOptions } from "./app.js";
import { ConfigError } from "../knowledge/infra/env.js";
import { logger } from "../knowledge/infra/logger.js";
import { closeWithDeadline } from "./infra/queue.js";
import { registerAdminIngest } from "./admin/http-wiring.js";
import { registerConsole } from "./console/index.js";

export interface Server {
  app: App;
  http: FastifyInstance;
  /** The bound port (useful with PORT=0 in tests). */
  port: number;
  /** Settles when start-up (KB, extensions, worker, long connections) finished or failed. */
  ready: Promise<void>;
  startError(): Error | undefined;
  close(): Promise<void>;
}

/** Builds and starts everything; resolves once listening (the KB may still be loading: see /healthz, `ready`). */
export async function startServer(opts: AppOptions & { listen?: boolean } = {}): Promise<Server> {
  const app = await createApp(opts);
  const http = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

  http.get("/healthz", async (_req, reply) => {
    const h = await app.health();
    return reply.code(h.ok ? 200 : 503).send(h);
  });
  // Each channel gets its own encapsulated scope, so its body parsers / hooks stay its own.
  for (const ch of app.channels) {
    if (ch.routes) await http.register(async (scope) => ch.routes!(scope));
  }
  await registerAdminIngest(http, opts.env ?? process.env); // POST /admin/ingest, GET /admin/ingest/:id
  await registerConsole(http, app, opts.env ?? process.env, logger); // /console (CONSOLE_ENABLED)

  await http.listen({ port: app.config.PORT, host: app.config.HOST });
  const addr = http.server.address();
  const port = typeof addr === "object" && addr ? addr.port : app.config.PORT;
  logger.info({ port, channels: app.channels.map((c) => c.name) }, "企服通 listening");
  if (app.channels.length === 0) {
    logger.warn(`No chat channel is configured. ${app.missing.join("; ")}. Set them in .env (see .env.example).`);
  }

  let startError: Error | undefined;
  const ready = app.start().catch((err: Error) => {
    startError = err;
    logger.error({ err: err.message }, "start-up incomplete; /healthz reports 503");
  });

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await http.close(); // stop accepting; in-flight requests finish
      // A start-up still hanging (e.g. on an unreachable dependency) must not block shutdown forever.
      await closeWithDeadline([{ close: () => ready }], app.config.SHUTDOWN_TIMEOUT_MS);
      await app.close();
      logger.info("stopped");
    })());
  return { app, http, port, ready, startError: () => startError, close };
}

async function main(): Promise<void> {
  let server: Server;
  try {
    server = await startServer();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const stop = (signal: string) => {
    logger.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (err: Error) => {
        logger.error({ err: err.message }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  await server.ready;
  const err = server.startError();
  if (err instanceof ConfigError) {
    // A bad setting (e.g. half-configured LLM) stops start-up with the message naming the variable.
    console.error(err.message);
    await server.close();
    process.exit(2);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: Error) => {
    logger.fatal({ err: err.message }, "server failed to start");
    process.exit(1);
  });
}
