// How a channel plugs into the server (bot/app.ts). A channel folder exports a factory:
//
//   export function createFeishuChannel(config: FeishuConfig, deps: ChannelDeps): ChannelModule
//
// and bot/app.ts lists it in CHANNELS with one line (see there). Platform types never leave the
// channel folder; a channel only produces InboundMessage / CardAction and consumes Reply.
import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import type { DedupeStore } from "../infra/dedupe-store.js";
import type { Logger } from "../../knowledge/infra/logger.js";
import type { CardActionResult } from "./deps.js";
import type { Intake, Outbound } from "./intake.js";
import type { CardAction, ChannelSender, Platform } from "./types.js";

export interface ChannelModule {
  name: Platform;
  /** Used by the inbound worker for every message of this platform. */
  sender: ChannelSender;
  /** HTTP routes (webhook mode), registered before the server listens. */
  routes?(app: FastifyInstance): void | Promise<void>;
  /** Long connections (Feishu WSClient, DingTalk Stream), started after listen. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Extra facts for /healthz (e.g. { mode: "ws", connected: true }); `ok: false` makes it 503. */
  health?(): Promise<{ ok: boolean } & Record<string, unknown>>;
}

/** What the app hands every channel factory. */
export interface ChannelDeps {
  /** Dedupe + enqueue a decoded message (the worker replies later through `sender`). */
  intake: Intake;
  /** Queued delivery of extra replies (e.g. after a card click), retried until sent; never lost. */
  outbound: Outbound;
  /** Run a card button press now (well within 3 s) and get the updated card / toast. */
  handleCardAction(action: CardAction): Promise<CardActionResult>;
  /** The shared dedupe store (e.g. for card-callback redelivery). */
  dedupe: DedupeStore;
  /** Producer connection (fail fast); absent in local mode. Prefix your keys with `keyPrefix`. */
  redis?: Redis;
  keyPrefix: string;
  logger: Logger;
}

/**
 * One entry per channel in bot/app.ts. The channel is enabled when every `requiredEnv` variable is
 * set; otherwise start-up logs which ones are missing. `create` parses its own zod config from env.
 */
export interface ChannelFactory {
  name: Platform;
  label: string; // human name for start-up messages, e.g. "飞书 Feishu"
  requiredEnv: string[];
  create(env: NodeJS.ProcessEnv, deps: ChannelDeps): ChannelModule | Promise<ChannelModule>;
}
