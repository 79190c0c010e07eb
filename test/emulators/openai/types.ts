// What the OpenAI-compatible emulator records and how a test scripts its replies.
import type http from "node:http";

export type ScriptedReply =
  /** A normal completion whose message content is `content` (valid JSON or not — the test decides). */
  | { kind: "content"; content: string; delayMs?: number; chunkSize?: number; chunkDelayMs?: number }
  /** An HTTP error with an OpenAI-style error body. */
  | { kind: "status"; status: number; message?: string; delayMs?: number }
  /** Accepts the request and never answers (until the client gives up or the server closes). */
  | { kind: "hang" };

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: {
    model?: string;
    stream?: boolean;
    messages?: { role: string; content: unknown }[];
    response_format?: unknown;
    temperature?: number;
    max_tokens?: number;
    max_completion_tokens?: number;
    [k: string]: unknown;
  };
}

export type Responder = (req: RecordedRequest) => ScriptedReply;
