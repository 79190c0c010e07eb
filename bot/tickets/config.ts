// Service-desk configuration: one zod schema, read once at start-up.
import path from "node:path";
import { z } from "zod";
import { dataDir, loadEnv, parseConfig } from "../../knowledge/infra/env.js";

const idList = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

const positiveDays = (def: number) => z.coerce.number().int().min(1).max(60).default(def);

/** `3=1/3,7=2/10` → project 3: first response 1, resolution 3 working days. */
const projectOverrides = z
  .string()
  .optional()
  .transform((s, ctx) => {
    const out: Record<number, { firstResponseDays: number; resolutionDays: number }> = {};
    for (const part of (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean)) {
      const m = /^(\d{1,2})=(\d{1,2})\/(\d{1,2})$/.exec(part);
      if (!m || Number(m[2]) < 1 || Number(m[3]) < 1) {
        ctx.addIssue({ code: "custom", message: `expected "project=firstResponseDays/resolutionDays", got "${part}"` });
        return z.NEVER;
      }
      out[Number(m[1])] = { firstResponseDays: Number(m[2]), resolutionDays: Number(m[3]) };
    }
    return out;
  });

export const deskConfigSchema = z.object({
  DESK_CHAT_ID: z.string().trim().optional().describe("Feishu chat id of the service-desk group"),
  DESK_PLATFORM: z.enum(["feishu", "dingtalk", "console"]).default("feishu"),
  SUPERVISOR_CHAT_ID: z.string().trim().optional().describe("chat that receives SLA escalations"),
  ADMIN_CHAT_ID: z
    .string()
    .trim()
    .optional()
    .describe("admins' chat (desk platform): knowledge-entry reviews and push previews"),
  STAFF_OPEN_IDS: idList,
  ADMIN_OPEN_IDS: idList,
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^(postgres(ql)?:\/\/|sqlite:)/.test(v), "must start with postgres:// or sqlite:"),
  SLA_FIRST_RESPONSE_DAYS: positiveDays(1),
  SLA_RESOLUTION_DAYS: positiveDays(5),
  SLA_PROJECT_OVERRIDES: projectOverrides,
  SLA_REMINDER_LEAD_HOURS: z.coerce.number().min(0).max(72).default(4),
  SLA_SWEEP_EVERY_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  TICKET_REOPEN_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  HOLIDAYS_OVERRIDE_FILE: z.string().trim().optional(),
  INTERACTION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
});

export interface DeskConfig {
  deskChatId?: string;
  deskPlatform: "feishu" | "dingtalk" | "console";
  supervisorChatId?: string;
  /** Admins' chat on the desk platform (push plan previews with 发送 / 取消). */
  adminChatId?: string;
  staffIds: string[];
  adminIds: string[];
  databaseUrl: string;
  sla: SlaPolicy;
  sweepEverySeconds: number;
  holidaysOverrideFile?: string;
  /** Interaction records (masked questions) are kept this many days (INTERACTION_RETENTION_DAYS). */
  interactionRetentionDays: number;
}

export interface SlaPolicy {
  firstResponseDays: number;
  resolutionDays: number;
  perProject: Record<number, { firstResponseDays: number; resolutionDays: number }>;
  reminderLeadMs: number;
  reopenDays: number;
}

export function parseDeskConfig(env: NodeJS.ProcessEnv = loadEnv()): DeskConfig {
  // An empty assignment (`SLA_RESOLUTION_DAYS=`) means "use the default".
  const nonEmpty = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const c = parseConfig(deskConfigSchema, nonEmpty);
  return {
    deskChatId: c.DESK_CHAT_ID || undefined,
    deskPlatform: c.DESK_PLATFORM,
    supervisorChatId: c.SUPERVISOR_CHAT_ID || undefined,
    adminChatId: c.ADMIN_CHAT_ID || undefined,
    staffIds: c.STAFF_OPEN_IDS,
    adminIds: c.ADMIN_OPEN_IDS,
    databaseUrl: c.DATABASE_URL || `sqlite:${path.join(dataDir(env), "desk.db")}`,
    sla: {
      firstResponseDays: c.SLA_FIRST_RESPONSE_DAYS,
      resolutionDays: c.SLA_RESOLUTION_DAYS,
      perProject: c.SLA_PROJECT_OVERRIDES,
      reminderLeadMs: c.SLA_REMINDER_LEAD_HOURS * 3_600_000,
      reopenDays: c.TICKET_REOPEN_DAYS,
    },
    sweepEverySeconds: c.SLA_SWEEP_EVERY_SECONDS,
    holidaysOverrideFile: c.HOLIDAYS_OVERRIDE_FILE || undefined,
    interactionRetentionDays: c.INTERACTION_RETENTION_DAYS,
  };
}
