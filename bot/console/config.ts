// Web console settings (documented in .env.example): one zod schema, read once at start-up.
import { z } from "zod";
import { parseConfig } from "../../knowledge/infra/env.js";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const bool = (def: boolean) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? !/^(0|false|no|off)$/i.test(v.trim()) : undefined),
    z.boolean().default(def),
  );
const url = z.preprocess(blankToUndefined, z.string().url().optional()).transform((s) => s?.replace(/\/+$/, ""));

export const consoleConfigSchema = z.object({
  CONSOLE_ENABLED: bool(true).describe("serve the web console under /console"),
  CONSOLE_BASE_URL: url.describe(
    "public URL of the server, e.g. https://desk.example.gov.cn (the OAuth redirect is <base>/console/auth/callback)",
  ),
  CONSOLE_SESSION_TTL_SEC: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(300)
      .max(7 * 86_400)
      .default(8 * 3600),
  ),
  FEISHU_APP_ID: z.preprocess(blankToUndefined, z.string().trim().optional()),
  FEISHU_APP_SECRET: z.preprocess(blankToUndefined, z.string().trim().optional()),
  FEISHU_DOMAIN: z
    .preprocess(blankToUndefined, z.string().url().default("https://open.feishu.cn"))
    .transform((s) => s.replace(/\/+$/, "")),
  FEISHU_ACCOUNTS_URL: url.describe(
    "where the browser authorises (default: accounts.feishu.cn / accounts.larksuite.com after FEISHU_DOMAIN)",
  ),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
});

export interface ConsoleConfig {
  enabled: boolean;
  baseUrl: string;
  /** Cookies are Secure unless the console is served over plain http on a non-loopback host (then warned). */
  secureCookies: boolean;
  sessionTtlSec: number;
  feishu: { appId?: string; appSecret?: string; openBase: string; accountsBase: string };
}

/** open.feishu.cn → accounts.feishu.cn, open.larksuite.com → accounts.larksuite.com, anything else (an emulator) as is. */
export function accountsBaseFor(openBase: string): string {
  const u = new URL(openBase);
  if (/^open\.(feishu\.cn|larksuite\.com)$/.test(u.hostname)) u.hostname = u.hostname.replace(/^open\./, "accounts.");
  return u.toString().replace(/\/+$/, "");
}

export function loadConsoleConfig(env?: NodeJS.ProcessEnv): ConsoleConfig {
  const c = parseConfig(consoleConfigSchema, env);
  const baseUrl = c.CONSOLE_BASE_URL ?? `http://localhost:${c.PORT}`;
  const base = new URL(baseUrl);
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(base.hostname);
  return {
    enabled: c.CONSOLE_ENABLED,
    baseUrl,
    secureCookies: base.protocol === "https:" || loopback,
    sessionTtlSec: c.CONSOLE_SESSION_TTL_SEC,
    feishu: {
      appId: c.FEISHU_APP_ID,
      appSecret: c.FEISHU_APP_SECRET,
      openBase: c.FEISHU_DOMAIN,
      accountsBase: c.FEISHU_ACCOUNTS_URL ?? accountsBaseFor(c.FEISHU_DOMAIN),
    },
  };
}
