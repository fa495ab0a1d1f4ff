import type { RankTier } from "@/lib/ranking/types";

const TIER_LABELS: Record<RankTier, { label: string; style: string }> = {
  pilot: { label: "Pilot", style: "bg-violet-100 text-violet-900" },
  target: { label: "Target", style: "bg-green-100 text-green-900" },
  unblocker: { label: "Unblocks", style: "bg-sky-100 text-sky-900" },
  "long-tail": { label: "Long tail", style: "bg-slate-100 text-slate-700" },
  blocked: { label: "Blocked", style: "bg-red-100 text-red-900" },
};

export function TierBadge({ tier }: { tier: RankTier }) {
  const t = TIER_LABELS[tier];
  return <span className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${t.style}`}>{t.label}</span>;
}
