// Who may use the console: the desk's own allowlist check (same (platform, id) identities as the
// Feishu card and /工单 commands). Admins see knowledge and settings too.
import type { Identity } from "../tickets/identity.js";
import type { DeskService } from "../tickets/service.js";

export type ConsoleRole = "admin" | "staff";
export type { Identity };

export function consoleRole(svc: DeskService, who: Identity): ConsoleRole | null {
  if (svc.isAdmin(who)) return "admin";
  return svc.isStaff(who) ? "staff" : null;
}
