"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { PortStatus } from "@/lib/generated/prisma/enums";
import { STATUS_LABELS } from "@/lib/inventory/labels";
import { OPEN_STATUSES } from "@/lib/inventory/item-state";
import { STATUS_COLORS } from "./status-colors";

const count = new Intl.NumberFormat("en");

/**
 * Stacked status bars per owner, of the statuses given (by default the open ones, so a bar is
 * what the owner has left — the order the rows come in); a click opens the owner's items in that status.
 */
export function OwnerStatusChart({
  rows,
  listHref,
  label,
  statuses = OPEN_STATUSES,
}: {
  rows: ({ owner: string; name: string } & Record<PortStatus, number>)[];
  listHref: string;
  label: string;
  statuses?: PortStatus[];
}) {
  const router = useRouter();
  return (
    <BarChart
      data={rows}
      layout="vertical"
      responsive
      style={{ width: "100%", height: Math.max(160, 36 * rows.length + 60) }}
      accessibilityLayer
      aria-label={label}
      margin={{ left: 10, right: 20 }}
    >
      <CartesianGrid stroke="#e2e8f0" horizontal={false} />
      <XAxis type="number" tickFormatter={(v) => count.format(v)} tick={{ fontSize: 12 }} allowDecimals={false} />
      <YAxis type="category" dataKey="name" width={140} tick={{ fontSize: 12 }} />
      <Tooltip formatter={(v) => count.format(Number(v))} />
      <Legend itemSorter={null} />
      {statuses.map((status) => (
        <Bar
          key={status}
          dataKey={status}
          name={STATUS_LABELS[status]}
          stackId="status"
          fill={STATUS_COLORS[status]}
          isAnimationActive={false}
          className="cursor-pointer"
          onClick={(bar) => {
            const owner = (bar as unknown as { payload: { owner: string } }).payload.owner;
            router.push(`${listHref}${listHref.includes("?") ? "&" : "?"}owner=${encodeURIComponent(owner)}&status=${status}`);
          }}
        />
      ))}
    </BarChart>
  );
}

/** Dependencies by readiness; a click lists them. */
export function ReadinessChart({
  rows,
  listHref,
  label,
}: {
  rows: { key: string; label: string; count: number; query: string }[];
  listHref: string;
  label: string;
}) {
  const router = useRouter();
  return (
    <BarChart data={rows} responsive style={{ width: "100%", height: 240 }} accessibilityLayer aria-label={label}>
      <CartesianGrid stroke="#e2e8f0" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} angle={-25} textAnchor="end" height={56} />
      <YAxis allowDecimals={false} width="auto" tick={{ fontSize: 12 }} />
      <Tooltip formatter={(v) => count.format(Number(v))} />
      <Bar
        dataKey="count"
        name="Dependencies"
        fill="#3b82f6"
        isAnimationActive={false}
        className="cursor-pointer"
        onClick={(bar) => router.push(`${listHref}${listHref.includes("?") ? "&" : "?"}${(bar as unknown as { payload: { query: string } }).payload.query}`)}
      />
    </BarChart>
  );
}
