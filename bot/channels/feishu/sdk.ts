// The real @larksuiteoapi/node-sdk Client, set up for this bot: own token cache (so a rejected
// token can be dropped and refetched), request timeouts, and SDK logs routed to pino at debug
// level without request configs (they carry the bearer token).
import * as lark from "@larksuiteoapi/node-sdk";
import type { Logger } from "../../../knowledge/infra/logger.js";

/** The SDK's cache key type (it spells `Symbol`, the wrapper type). */
type CacheKey = Parameters<lark.Cache["get"]>[0];

/** In-process token cache for one Client. Tokens are per-process by design: any process may fetch one. */
export class TokenCache {
  private readonly values = new Map<string, { value: unknown; expiresAt?: number }>();
  private key(key: CacheKey, ns?: string) {
    return `${ns ?? ""}/${key.toString()}`;
  }
  async get(key: CacheKey, options?: { namespace?: string }) {
    const v = this.values.get(this.key(key, options?.namespace));
    if (!v || (v.expiresAt !== undefined && v.expiresAt <= Date.now())) return undefined;
    return v.value;
  }
  async set(key: CacheKey, value: unknown, expiresAt?: number, options?: { namespace?: string }) {
    this.values.set(this.key(key, options?.namespace), { value, expiresAt });
    return true;
  }
  clear(): void {
    this.values.clear();
  }
}

const REQUEST_TIMEOUT_MS = 10_000;

/** lark.defaultHttpInstance with a timeout on every request (the default has none). */
function timedHttp(timeout = REQUEST_TIMEOUT_MS): lark.HttpInstance {
  // The SDK's axios instance (its interceptor already unwraps resp.data); typed loosely on purpose.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const base = lark.defaultHttpInstance as any;
  // Platform APIs never redirect: maxRedirects 0 also keeps axios on plain http (no follow-redirects).
  const t = <O extends { timeout?: number }>(o?: O) => ({ timeout, maxRedirects: 0, ...(o ?? {}) }) as unknown as O;
  const http = {
    request: (opts) => base.request(t(opts)),
    get: (url, opts) => base.get(url, t(opts)),
    delete: (url, opts) => base.delete(url, t(opts)),
    head: (url, opts) => base.head(url, t(opts)),
    options: (url, opts) => base.options(url, t(opts)),
    post: (url, data, opts) => base.post(url, data, t(opts)),
    put: (url, data, opts) => base.put(url, data, t(opts)),
    patch: (url, data, opts) => base.patch(url, data, t(opts)),
  } as lark.HttpInstance;
  return http;
}

function summarize(args: unknown[]): string {
  return args
    .flat(3)
    .map((a) =>
      a instanceof Error
        ? a.message
        : typeof a === "object" && a !== null
          ? ((a as { message?: string; msg?: string }).message ?? (a as { msg?: string }).msg ?? "[object]")
          : String(a),
    )
    .join(" ")
    .slice(0, 300);
}

export function sdkLogger(log: Logger) {
  const at =
    (level: "debug" | "trace") =>
    (...args: unknown[]) =>
      log[level]({ sdk: summarize(args) }, "lark sdk");
  return { error: at("debug"), warn: at("debug"), info: at("trace"), debug: at("trace"), trace: at("trace") };
}

export interface SdkClientOptions {
  appId: string;
  appSecret: string;
  domain: string;
  logger: Logger;
}

export function createSdkClient(o: SdkClientOptions): { client: lark.Client; tokens: TokenCache } {
  const tokens = new TokenCache();
  const client = new lark.Client({
    appId: o.appId,
    appSecret: o.appSecret,
    domain: o.domain,
    cache: tokens,
    httpInstance: timedHttp(),
    logger: sdkLogger(o.logger),
    loggerLevel: lark.LoggerLevel.warn,
  });
  return { client, tokens };
}
