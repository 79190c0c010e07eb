// zod schemas for what Feishu POSTs (docs/platforms.md §1–3). Unknown fields pass through.
import { z } from "zod";

export const challengeSchema = z.object({
  type: z.literal("url_verification"),
  challenge: z.string().min(1),
  token: z.string().optional(),
});

export const v2EnvelopeSchema = z.object({
  schema: z.literal("2.0"),
  header: z.object({
    event_id: z.string().min(1),
    event_type: z.string().min(1),
    create_time: z.string().optional(),
    token: z.string().optional(),
    app_id: z.string().optional(),
    tenant_key: z.string().optional(),
  }),
  event: z.record(z.string(), z.unknown()),
});
export type V2Envelope = z.infer<typeof v2EnvelopeSchema>;

const userIdSchema = z.object({
  open_id: z.string().optional(),
  union_id: z.string().optional(),
  user_id: z.string().optional(),
});

export const messageReceiveSchema = z.object({
  sender: z.object({
    sender_id: userIdSchema,
    sender_type: z.string().optional(),
    tenant_key: z.string().optional(),
  }),
  message: z.object({
    message_id: z.string().min(1),
    root_id: z.string().optional(),
    parent_id: z.string().optional(),
    create_time: z.string().optional(),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z
      .array(
        z.object({
          key: z.string(),
          id: userIdSchema.optional(),
          name: z.string().optional(),
          tenant_key: z.string().optional(),
        }),
      )
      .optional(),
  }),
});
export type MessageReceiveEvent = z.infer<typeof messageReceiveSchema>;

export const cardActionSchema = z.object({
  operator: userIdSchema.extend({ tenant_key: z.string().optional() }),
  token: z.string().optional(),
  action: z.object({
    tag: z.string().optional(),
    value: z.record(z.string(), z.unknown()).optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    option: z.unknown().optional(),
    name: z.string().optional(),
  }),
  host: z.string().optional(),
  context: z.object({ open_message_id: z.string().min(1), open_chat_id: z.string().optional() }),
});
export type CardActionEvent = z.infer<typeof cardActionSchema>;
