import type { PortStatus } from "@/lib/generated/prisma/enums";

/**
 * One colour per status, the same in every chart (ColorBrewer-like, distinguishable in grey too).
 * CSS variables (app/globals.css), so that each colour scheme has its own shade of it.
 */
export const STATUS_COLORS: Record<PortStatus, string> = {
  NOT_STARTED: "var(--chart-not-started)",
  IN_PROGRESS: "var(--chart-in-progress)",
  PORTED: "var(--chart-ported)",
  VERIFIED: "var(--chart-verified)",
  RETIRED: "var(--chart-retired)",
  WONT_PORT: "var(--chart-wont-port)",
};
