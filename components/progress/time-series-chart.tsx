"use client";

import { useRouter } from "next/navigation";
import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { MouseHandlerDataParam } from "recharts";

export type SeriesLine = { key: string; name: string; color: string; dashed?: boolean };

type Props = {
  data: Record<string, string | number>[];
  lines: SeriesLine[];
  /** Percent values are stored as 0–1. */
  format: "count" | "percent";
  variant: "line" | "stacked-area";
  /** Clicking a day opens this URL with `day=<day>` added: the changes behind the point. */
  drillHref: string;
  label: string;
};

const count = new Intl.NumberFormat("en");
const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });
const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** A daily series as lines (burn-up, traffic share) or stacked areas (cumulative flow). */
export function TimeSeriesChart({ data, lines, format, variant, drillHref, label }: Props) {
  const router = useRouter();
  const formatValue = (v: number) => (format === "percent" ? percent.format(v) : count.format(v));
  const onClick = (state: MouseHandlerDataParam) => {
    if (typeof state.activeLabel === "string") router.push(`${drillHref}${drillHref.includes("?") ? "&" : "?"}day=${state.activeLabel}#activity`);
  };
  const axes = (
    <>
      <CartesianGrid stroke="#e2e8f0" vertical={false} />
      <XAxis dataKey="day" tickFormatter={shortDay} minTickGap={40} tick={{ fontSize: 12 }} />
      <YAxis
        tickFormatter={formatValue}
        width="auto"
        tick={{ fontSize: 12 }}
        domain={format === "percent" ? [0, 1] : [0, "auto"]}
        ticks={format === "percent" ? [0, 0.25, 0.5, 0.75, 1] : undefined}
        allowDecimals={false}
      />
      <Tooltip formatter={(v) => formatValue(Number(v))} labelFormatter={(l) => `${shortDay(String(l))} — click for the changes`} />
      <Legend itemSorter={null} />
    </>
  );
  const common = {
    data,
    responsive: true,
    style: { width: "100%", height: 280 },
    onClick,
    accessibilityLayer: true,
    "aria-label": label,
    className: "cursor-pointer",
  } as const;
  if (variant === "stacked-area") {
    return (
      <AreaChart {...common}>
        {axes}
        {lines.map((l) => (
          <Area
            key={l.key}
            dataKey={l.key}
            name={l.name}
            stackId="flow"
            stroke={l.color}
            fill={l.color}
            fillOpacity={0.55}
            isAnimationActive={false}
            type="stepAfter"
          />
        ))}
      </AreaChart>
    );
  }
  return (
    <LineChart {...common}>
      {axes}
      {lines.map((l) => (
        <Line
          key={l.key}
          dataKey={l.key}
          name={l.name}
          stroke={l.color}
          strokeWidth={2}
          strokeDasharray={l.dashed ? "5 4" : undefined}
          dot={false}
          isAnimationActive={false}
          type="stepAfter"
        />
      ))}
    </LineChart>
  );
}
