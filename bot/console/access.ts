// Who may use the console: the desk's own allowlist check (same (platform, id) identities as the
// Feishu card and /工单 commands). Admins see knowledge and settings too.
import type { DeskService } from "../tickets/service.js";

export type ConsoleRole = "admin" | "staff";

export interface Identity {
  platform: string;
  id: string;
}

export function consoleRole(svc: DeskService, who: Identity): ConsoleRole | null {
  // Staff ids on the desk are ids of the desk's platform; a login from another platform is not them.
  if (who.platform !== svc.deps.config.deskPlatform) return null;
  if (svc.isAdmin(who.id)) return "admin";
  return svc.isStaff(who.id) ? "staff" : null;
}
