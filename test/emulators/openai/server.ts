// A local OpenAI-compatible chat-completions server on 127.0.0.1 that replays scripted replies, with and
// without `stream: true` (SSE). Used by tests that drive the real ChatOpenAI client; also runnable by hand:
//   npx tsx test/emulators/openai/server.ts [port]   (answers with the grounded-echo responder)
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { groundedEchoResponder } from "./responders.js";
import type { RecordedRequest, Responder, ScriptedReply } from "./types.js";

export type { RecordedRequest, Responder, ScriptedReply } from "./types.js";

export interface OpenAiEmulator {
  baseURL: string; // e.g. http://127.0.0.1:40123/v1
  requests: RecordedRequest[];
  /** Replies used in order, one per request; when empty, the responder (default: HTTP 500) answers. */
  enqueue(...replies: ScriptedReply[]): void;
  setResponder(responder: Responder | null): void;
  /** Forget queued replies, recorded requests and the responder. */
  reset(): void;
  /** Requests whose client disconnected before the reply finished (timeouts, aborts). */
  readonly abortedRequests: number;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  port?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (else 401). */
  apiKey?: string;
  responder?: Responder;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function errorBody(message: string, type = "server_error") {
  return JSON.stringify({ error: { message, type, param: null, code: null } });
}

export async function startOpenAiEmulator(opts: EmulatorOptions = {}): Promise<OpenAiEmulator> {
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let responder: Responder | null = opts.responder ?? null;
  let aborted = 0;
  let seq = 0;

  const server = http.createServer(async (req, res) => {
    let closed = false;
    res.on("close", () => {
      if (!res.writableFinished) {
        closed = true;
        aborted++;
      }
    });
    const send = (status: number, body: string) => {
      if (closed) return;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(body);
    };
    const path = (req.url ?? "").split("?")[0];
    if (req.method === "GET" && path === "/v1/models")
      return send(200, JSON.stringify({ object: "list", data: [{ id: "emulated", object: "model" }] }));
    if (req.method !== "POST" || path !== "/v1/chat/completions")
      return send(404, errorBody(`no route ${req.method} ${path}`, "invalid_request_error"));
    if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`)
      return send(401, errorBody("Incorrect API key provided", "invalid_request_error"));

    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: RecordedRequest["body"];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(400, errorBody("request body is not JSON", "invalid_request_error"));
    }
    if (!body || typeof body.model !== "string" || !Array.isArray(body.messages) || body.messages.length === 0) {
      return send(400, errorBody("model and messages are required", "invalid_request_error"));
    }
    const recorded: RecordedRequest = { path, headers: req.headers, body };
    requests.push(recorded);
    const reply: ScriptedReply = queue.shift() ??
      responder?.(recorded) ?? { kind: "status", status: 500, message: "no scripted reply" };

    if (reply.kind === "hang") return; // the socket is destroyed on close()
    if (reply.delayMs) await sleep(reply.delayMs);
    if (closed) return;
    if (reply.kind === "status") return send(reply.status, errorBody(reply.message ?? `HTTP ${reply.status}`));

    const id = `chatcmpl-emu-${++seq}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      return send(
        200,
        JSON.stringify({
          id,
          object: "chat.completion",
          created,
          model: body.model,
          choices: [
            { index: 0, message: { role: "assistant", content: reply.content }, finish_reason: "stop", logprobs: null },
          ],
          usage: {
            prompt_tokens: 100,
            completion_tokens: reply.content.length,
            total_tokens: 100 + reply.content.length,
          },
        }),
      );
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const event = (delta: Record<string, unknown>, finish: string | null) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`;
    res.write(event({ role: "assistant", content: "" }, null));
    const size = Math.max(1, reply.chunkSize ?? 8);
    for (let i = 0; i < reply.content.length; i += size) {
      if (closed) return;
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      if (closed) return;
      res.write(event({ content: reply.content.slice(i, i + size) }, null));
    }
    if (closed) return;
    res.write(event({}, "stop"));
    res.end("data: [DONE]\n\n");
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...r) => void queue.push(...r),
    setResponder: (r) => void (responder = r),
    reset() {
      queue.length = 0;
      requests.length = 0;
      responder = opts.responder ?? null;
    },
    get abortedRequests() {
      return aborted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const emu = await startOpenAiEmulator({ port: Number(process.argv[2] ?? 0), responder: groundedEchoResponder });
  console.log(`OpenAI-compatible emulator (grounded echo) at ${emu.baseURL}`);
  console.log(`Point the bot at it with LLM_BASE_URL=${emu.baseURL} LLM_MODEL=emulated (Ctrl-C stops it)`);
}
