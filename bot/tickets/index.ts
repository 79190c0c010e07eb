// The service desk, assembled: createDesk() returns the handoff and interceptors the
// conversation pipeline plugs in, plus the background jobs (outbox delivery, SLA sweep).
import type { AnswerObserver, HandoffService, Interceptor } from "../conversation/deps.js";
import { indexLayout } from "../../ingest/pipeline/layout.js";
import { dataDir as dataDirOf } from "../../knowledge/infra/env.js";
import type { RecentList } from "../infra/recent-list.js";
import { logger as rootLogger, type Logger } from "../../knowledge/infra/logger.js";
import { DEFAULT_HOLIDAYS_OVERRIDE, WorkCalendar } from "./calendar.js";
import { handleDeskCardAction } from "./card-actions.js";
import { parseDeskConfig, type DeskConfig } from "./config.js";
import { openDeskDb, type OpenedDb } from "./db.js";
import { handleDeskCommand, handleMyTickets, isDeskCommand } from "./desk-commands.js";
import { InteractionLog } from "./interaction-log.js";
import { handleKnowledgeCommand, isKnowledgeCommand } from "./knowledge-commands.js";
import { KnowledgeDesk, type KnowledgePublisher } from "./knowledge-desk.js";
import { KnowledgeStore } from "./knowledge-entries.js";
import { DeskJobs, type SenderLookup } from "./desk-jobs.js";
import { EnterpriseMessages } from "./enterprise-messages.js";
import { TicketHandoff } from "./handoff.js";
import { migrateToLatest } from "./migrations.js";
import { Notifier } from "./notifications.js";
import { OutboxStore } from "./outbox-store.js";
import { DeskService, type ConversationTurn } from "./service.js";
import { describeAllowlist } from "./identity.js";
import { SlaSweeper } from "./sla.js";
import { TicketStore } from "./store.js";

export { DEFAULT_HOLIDAYS_OVERRIDE };

export interface DeskOptions {
  config?: DeskConfig;
  env?: NodeJS.ProcessEnv;
  /** The ChannelSender for a platform (the app's registry). */
  senders: SenderLookup;
  /** Absent: local mode (in-process delivery, no BullMQ). */
  redisUrl?: string;
  /** BullMQ key prefix; tests use their own. */
  prefix?: string;
  /** Recent user messages per chat+user, for the ticket's conversation excerpt. */
  history?: RecentList<ConversationTurn>;
  logger?: Logger;
  now?: () => number;
  /** Records 转人工 when the ticket database is down (the app's default handoff). */
  fallbackHandoff?: HandoffService;
  /** An already opened (and migrated) database, e.g. in tests. */
  db?: OpenedDb;
  pollMs?: number;
  /** Publishes approved entries (ingest build → validate → publish); absent = export only. */
  publisher?: KnowledgePublisher;
  /** Where approved entries are exported for ingest; default DATA_DIR/faq/approved.json. */
  faqFile?: string;
}

export interface Desk {
  config: DeskConfig;
  service: DeskService;
  handoff: HandoffService;
  interceptors: Interceptor[];
  jobs: DeskJobs;
  knowledge: KnowledgeDesk;
  interactions: InteractionLog;
  /** Records answers and feedback for the knowledge-gap report. */
  observer: AnswerObserver;
  sweeper: SlaSweeper;
  calendar: WorkCalendar;
  /** Starts delivery and the SLA scheduler (call once the channel senders exist). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function createDesk(opts: DeskOptions): Promise<Desk> {
  const config = opts.config ?? parseDeskConfig(opts.env);
  const log = (opts.logger ?? rootLogger).child({ module: "desk" });
  const now = opts.now ?? Date.now;
  const opened = opts.db ?? openDeskDb(config.databaseUrl);
  if (!opts.db) await migrateToLatest(opened.db);
  const calendar = WorkCalendar.fromFile(config.holidaysOverrideFile ?? DEFAULT_HOLIDAYS_OVERRIDE);
  const horizon = calendar.dueAfterWorkdays(
    now(),
    Math.max(config.sla.resolutionDays, ...Object.values(config.sla.perProject).map((p) => p.resolutionDays)),
  );
  const warning = calendar.coverageWarning(horizon);
  if (warning) log.warn(warning);

  const store = new TicketStore(opened.db);
  const outbox = new OutboxStore(opened.db);
  const notifier = new Notifier(config);
  let jobs: DeskJobs | undefined;
  const service = new DeskService({ store, notifier, calendar, config, now, kick: () => jobs?.kick() });
  const sweeper = new SlaSweeper({
    store,
    outbox,
    notifier,
    policy: config.sla,
    now,
    autoClose: (t) => service.autoClose(t),
  });
  const interactions = new InteractionLog(opened.db, config.interactionRetentionDays, now);
  const sweep = async () => {
    const result = await sweeper.sweep();
    await interactions
      .purgeExpired()
      .catch((err: Error) => log.warn({ err: err.message }, "interaction log purge failed"));
    return result;
  };
  jobs = new DeskJobs({
    store,
    outbox,
    senders: opts.senders,
    logger: log,
    redisUrl: opts.redisUrl,
    prefix: opts.prefix,
    now,
    pollMs: opts.pollMs,
    sweepEveryMs: config.sweepEverySeconds * 1000,
    sweep,
  });
  const enterprise = new EnterpriseMessages(service, opts.history);
  const knowledge = new KnowledgeDesk({
    desk: service,
    store: new KnowledgeStore(opened.db),
    notifier,
    config,
    now,
    kick: () => jobs?.kick(),
    publisher: opts.publisher,
    faqFile: opts.faqFile ?? indexLayout(dataDirOf(opts.env)).faqFile,
  });
  const observer: AnswerObserver = {
    answered: (a) => interactions.record(a),
    feedback: (f) => interactions.setOutcome(f.ref, f.solved ? "solved" : "unsolved"),
  };
  const interceptors: Interceptor[] = [
    {
      name: "desk-commands",
      acceptsUnmentioned: true,
      handleMessage: async (msg) => {
        if (isDeskCommand(msg.text)) return handleDeskCommand(service, msg, knowledge);
        if (isKnowledgeCommand(msg.text)) return handleKnowledgeCommand(knowledge, msg);
        return msg.chatType === "group" && !msg.mentionedBot ? null : handleMyTickets(service, msg);
      },
      handleCardAction: (action) => handleDeskCardAction(service, action, knowledge),
    },
    { name: "desk-enterprise", handleMessage: (msg) => enterprise.handle(msg) },
  ];
  if (!config.deskChatId) log.warn("DESK_CHAT_ID is not set: tickets are stored, but no desk card is posted");
  if (!config.staffIds.length && !config.adminIds.length)
    log.warn("STAFF_OPEN_IDS / ADMIN_OPEN_IDS are empty: nobody can act on tickets");
  else
    log.info(
      {
        staff: describeAllowlist(service.staff),
        admins: describeAllowlist(service.admins),
        deskPlatform: config.deskPlatform,
      },
      "desk allowlists read as (platform, id)",
    );
  let started = false;
  return {
    config,
    service,
    handoff: new TicketHandoff(service, enterprise, opts.fallbackHandoff, interactions),
    interceptors,
    jobs,
    sweeper,
    calendar,
    knowledge,
    interactions,
    observer,
    start: async () => {
      if (started) return;
      started = true;
      await jobs!.start();
    },
    close: async () => {
      await jobs!.close();
      if (!opts.db) await opened.close();
    },
  };
}

export { parseDeskConfig } from "./config.js";
export type { DeskConfig } from "./config.js";
