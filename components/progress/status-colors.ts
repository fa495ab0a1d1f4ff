import type { PortStatus } from "@/lib/generated/prisma/enums";

/** One colour per status, the same in every chart (ColorBrewer-like, distinguishable in grey too). */
export const STATUS_COLORS: Record<PortStatus, string> = {
  NOT_STARTED: "#94a3b8",
  IN_PROGRESS: "#f59e0b",
  PORTED: "#3b82f6",
  VERIFIED: "#16a34a",
  RETIRED: "#0f766e",
  WONT_PORT: "#a855f7",
};
