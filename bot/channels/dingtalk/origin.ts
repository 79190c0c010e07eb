// Is this callback really for our robot, and may we POST to its sessionWebhook? A callback's
// signature covers only the timestamp, not the body, so nothing in the body is trusted blindly:
// the sessionWebhook must be https on one of DingTalk's own hosts (DINGTALK_WEBHOOK_HOSTS), and
// robotCode / chatbotCorpId must match the configuration. Otherwise the server could be made to
// POST anywhere (server-side request forgery).
import type { RobotCallback } from "./decode.js";

export const DEFAULT_WEBHOOK_HOSTS = ["oapi.dingtalk.com", "api.dingtalk.com"];

export interface OriginPolicy {
  /** `host` entries allow https://host (port 443); an entry with a scheme (`http://127.0.0.1:4001`, tests) allows exactly that origin. */
  webhookHosts: string[];
  robotCode: string;
  /** When set, callbacks from another organisation are refused. */
  corpId?: string;
}

/** True when `url` may receive our replies. */
export function isAllowedWebhook(url: string, hosts: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  return hosts.some((entry) => {
    if (entry.includes("://")) {
      try {
        return new URL(entry).origin === u.origin;
      } catch {
        return false;
      }
    }
    return u.protocol === "https:" && u.port === "" && u.hostname === entry.toLowerCase();
  });
}

/** Why the callback is refused, or null when it may be processed. */
export function originProblem(cb: RobotCallback, policy: OriginPolicy): string | null {
  if (cb.robotCode !== undefined && cb.robotCode !== policy.robotCode) return "callback for another robot (robotCode)";
  if (policy.corpId && cb.chatbotCorpId !== undefined && cb.chatbotCorpId !== policy.corpId)
    return "callback for another organisation (chatbotCorpId)";
  if (!isAllowedWebhook(cb.sessionWebhook, policy.webhookHosts))
    return "sessionWebhook is not on an allowed DingTalk host";
  return null;
}
