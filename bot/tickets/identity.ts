// Who someone is: always the pair (platform, id). A Feishu open_id and a DingTalk staffId are
// different people even when the strings are equal. Allowlists (STAFF_OPEN_IDS, ADMIN_OPEN_IDS)
// hold `platform:id` entries; a bare id belongs to the desk's platform (DESK_PLATFORM).
// Every staff/admin check — desk commands, card buttons, relays, the survey, /reingest, the web
// console — goes through isListed().
import type { Platform } from "../conversation/types.js";

export const PLATFORMS: readonly Platform[] = ["feishu", "dingtalk", "console"];

export interface Identity {
  platform: Platform | string;
  id: string;
}

export interface AllowEntry {
  platform: Platform;
  id: string;
  /** How the entry was read, for the start-up log. */
  how: "explicit" | "desk-platform";
}

/** `feishu:ou_1, dingtalk:0042, ou_2` → entries; a bare id means `deskPlatform`. */
export function parseAllowlist(raw: string[], deskPlatform: Platform): AllowEntry[] {
  const out: AllowEntry[] = [];
  for (const item of raw.map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z]+):(.+)$/i.exec(item);
    const platform = m?.[1].toLowerCase() as Platform | undefined;
    if (m && platform && PLATFORMS.includes(platform)) out.push({ platform, id: m[2].trim(), how: "explicit" });
    else out.push({ platform: deskPlatform, id: item, how: "desk-platform" });
  }
  return out;
}

/** THE identity check: is (platform, id) on the list? */
export function isListed(list: readonly AllowEntry[], who: Identity): boolean {
  return !!who.id && list.some((e) => e.platform === who.platform && e.id === who.id);
}

export function sameIdentity(a: Identity, b: Identity): boolean {
  return !!a.id && a.platform === b.platform && a.id === b.id;
}

/** One line per list for the start-up log: `feishu:ou_1 (as written), feishu:ou_2 (bare id → DESK_PLATFORM)`. */
export function describeAllowlist(list: readonly AllowEntry[]): string {
  if (!list.length) return "(empty)";
  return list
    .map((e) => `${e.platform}:${e.id} (${e.how === "explicit" ? "as written" : "bare id → DESK_PLATFORM"})`)
    .join(", ");
}
