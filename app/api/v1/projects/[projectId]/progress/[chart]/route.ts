import { apiRoute, queryObject } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { AppError } from "@/lib/errors";
import { loadDashboard } from "@/lib/progress/dashboard";
import { chartCsv } from "@/lib/progress/csv";
import { chartParamSchema } from "@/lib/progress/api-schemas";
import { chartData } from "@/lib/progress/chart-data";

type Params = { projectId: string; chart: string };

/** One chart's data, as JSON or as a CSV download (the dashboard's "Download CSV" links). */
export const GET = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const chart = chartParamSchema.safeParse(params.chart);
  if (!chart.success) throw new AppError("not_found", `No chart "${params.chart}". Charts: ${chartParamSchema.options.join(", ")}.`);
  const { format, ...rest } = queryObject(request);
  if (format !== undefined && format !== "json" && format !== "csv") throw new AppError("invalid_input", "format is json or csv.", { fields: { format: ["json or csv."] } });
  const dashboard = await loadDashboard(db, await contextForProject(db, principal, params.projectId), params.projectId, rest);
  if (format === "csv") {
    const name = `${dashboard.project.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "project"}-${chart.data}-${dashboard.range.from}-${dashboard.range.to}.csv`;
    return new Response(chartCsv(dashboard, chart.data), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"` } });
  }
  return { chart: chart.data, data: chartData(dashboard, chart.data) };
});
