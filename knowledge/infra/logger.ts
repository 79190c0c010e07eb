import pino, { type Logger } from "pino";
import { maskDeep, maskPersonalData } from "./mask.js";

export type { Logger };

/** The process logger. Child loggers per module: `logger.child({ module: "feishu" })`. */
export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    level,
    base: undefined,
    hooks: {
      // Mask personal data in every message and every logged object before it is written.
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === "string" ? maskPersonalData(a) : maskDeep(a)));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
  });
}

export const logger = createLogger();
