import { projectRoute } from "@/lib/api/endpoint-route";
import { AppError } from "@/lib/errors";
import { loadDashboard } from "@/lib/progress/dashboard";
import { chartCsv } from "@/lib/progress/csv";
import { chartData } from "@/lib/progress/chart-data";
import { chartApiQuerySchema, chartParamSchema } from "@/lib/progress/api-schemas";

/** One chart's data, as JSON or as a CSV download (the dashboard's "Download CSV" links). */
export const GET = projectRoute<{ projectId: string; chart: string }>(
  "get",
  "/api/v1/projects/{projectId}/progress/{chart}",
  async ({ db, ctx, params, query }) => {
    const chart = chartParamSchema.safeParse(params.chart);
    if (!chart.success) throw new AppError("not_found", `No chart "${params.chart}". Charts: ${chartParamSchema.options.join(", ")}.`);
    const { format } = chartApiQuerySchema.parse(query);
    const { format: _format, ...rest } = query;
    const dashboard = await loadDashboard(db, ctx, params.projectId, rest);
    if (format === "csv") {
      const name = `${
        dashboard.project.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "") || "project"
      }-${chart.data}-${dashboard.range.from}-${dashboard.range.to}.csv`;
      return new Response(chartCsv(dashboard, chart.data), {
        headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"` },
      });
    }
    return { chart: chart.data, data: chartData(dashboard, chart.data) };
  },
);
