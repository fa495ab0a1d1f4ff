"use client";

import { useRouter } from "next/navigation";
import { CartesianGrid, Legend, ReferenceArea, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";
import type { PortStatus } from "@/lib/generated/prisma/enums";
import type { QuadrantDot } from "@/lib/progress/quadrant";
import { STATUS_LABELS, STATUS_ORDER } from "@/lib/inventory/labels";
import { STATUS_COLORS } from "./status-colors";

type Props = {
  dots: QuadrantDot[];
  grouped: boolean;
  lowTraffic: number;
  longTailTraffic: number;
  maxTraffic: number;
  /** Base URLs for the drill-down: an item page (+ id), and the routes list (+ filters). */
  itemHref: string;
  listHref: string;
  label: string;
};

const count = new Intl.NumberFormat("en", { notation: "compact" });

/** Traffic (log) × complexity, one dot per route (or per group of routes in a big project). */
export function QuadrantChart({ dots, grouped, lowTraffic, longTailTraffic, maxTraffic, itemHref, listHref, label }: Props) {
  const router = useRouter();
  // Complexity is 1–5: spread dots of one cell a little so they do not hide each other.
  const jitter = (d: QuadrantDot, i: number) => d.complexity + (((i * 7919) % 11) - 5) * 0.04;
  const top = Math.max(10, maxTraffic * 2);
  // A log axis gets its ticks at the powers of ten, or it picks a few odd values.
  const ticks = Array.from({ length: Math.ceil(Math.log10(top)) + 1 }, (_, i) => 10 ** i).filter((t) => t <= top);
  const open = (d: QuadrantDot) => {
    if (d.id) return router.push(`${itemHref}/${d.id}`);
    const q = new URLSearchParams({
      complexityMin: String(d.complexity),
      complexityMax: String(d.complexity),
      trafficMin: String(d.trafficMin),
      trafficMax: String(d.trafficMax),
      status: d.status,
    });
    router.push(`${listHref}?${q}`);
  };
  return (
    <ScatterChart responsive style={{ width: "100%", height: 360 }} accessibilityLayer aria-label={label} margin={{ top: 10, right: 20, bottom: 10, left: 12 }}>
      <CartesianGrid stroke="#e2e8f0" />
      <XAxis
        type="number"
        dataKey="traffic"
        name="Traffic per day"
        scale="log"
        domain={[1, top]}
        ticks={ticks}
        allowDataOverflow
        tickFormatter={(v) => count.format(v)}
        tick={{ fontSize: 12 }}
        height={46}
        label={{ value: "Traffic per day (requests, log scale)", position: "insideBottom", offset: 0, fontSize: 12 }}
      />
      <YAxis
        type="number"
        dataKey="y"
        name="Complexity"
        domain={[0.5, 5.5]}
        ticks={[1, 2, 3, 4, 5]}
        width={40}
        tick={{ fontSize: 12 }}
        label={{ value: "Complexity (1 easy – 5 hard)", angle: -90, position: "insideLeft", offset: 0, dx: -6, style: { textAnchor: "middle" }, fontSize: 12 }}
      />
      <ZAxis type="number" dataKey="count" range={grouped ? [30, 600] : [40, 40]} name="Routes" />
      <ReferenceArea
        x1={1}
        x2={lowTraffic}
        y1={0.5}
        y2={2.5}
        fill="#a855f7"
        fillOpacity={0.07}
        label={{ value: "pilot", position: "insideBottomLeft", fontSize: 12, fill: "#7e22ce" }}
      />
      <ReferenceArea
        x1={1}
        x2={longTailTraffic}
        y1={3.5}
        y2={5.5}
        fill="#ef4444"
        fillOpacity={0.07}
        label={{ value: "long tail", position: "insideTopLeft", fontSize: 12, fill: "#b91c1c" }}
      />
      <ReferenceArea
        x1={Math.max(longTailTraffic, lowTraffic) * 10}
        x2={top}
        y1={0.5}
        y2={5.5}
        fill="#3b82f6"
        fillOpacity={0.05}
        label={{ value: "high traffic", position: "insideTopRight", fontSize: 12, fill: "#1d4ed8" }}
      />
      <Tooltip
        cursor={{ strokeDasharray: "3 3" }}
        content={({ payload }) => {
          const d = payload?.[0]?.payload as (QuadrantDot & { y: number }) | undefined;
          if (!d) return null;
          return (
            <div className="rounded border border-slate-200 bg-white p-2 text-xs shadow">
              <p className="font-medium">{d.key ?? `${d.count} routes`}</p>
              <p>
                {STATUS_LABELS[d.status]} · complexity {d.complexity} ·{" "}
                {d.id ? `${count.format(d.trafficMin)} requests/day` : `${count.format(d.trafficMin)}–${count.format(d.trafficMax)} requests/day`}
              </p>
              <p className="text-slate-500">Click to open</p>
            </div>
          );
        }}
      />
      <Legend itemSorter={null} />
      {STATUS_ORDER.map((status: PortStatus) => (
        <Scatter
          key={status}
          name={STATUS_LABELS[status]}
          data={dots.map((d, i) => ({ ...d, y: jitter(d, i) })).filter((d) => d.status === status)}
          fill={STATUS_COLORS[status]}
          fillOpacity={0.75}
          isAnimationActive={false}
          onClick={(point) => open((point as unknown as { payload: QuadrantDot }).payload)}
          className="cursor-pointer"
        />
      ))}
    </ScatterChart>
  );
}
