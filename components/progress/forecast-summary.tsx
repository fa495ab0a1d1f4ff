import type { Forecast } from "@/lib/progress/types";

export const longDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const number = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** The forecast in words: a date with its range, or why there is none. */
export function ForecastSummary({ forecast, targetDate, weeks }: { forecast: Forecast; targetDate: string | null; weeks: number }) {
  if (forecast.kind === "done")
    return (
      <p className="text-2xl font-semibold" data-testid="forecast">
        Done
      </p>
    );
  if (forecast.kind === "unknown") {
    return (
      <div data-testid="forecast">
        <p className="text-2xl font-semibold">No date</p>
        <p className="text-sm text-slate-600">{forecast.reason}</p>
      </div>
    );
  }
  return (
    <div data-testid="forecast">
      <p className="text-2xl font-semibold">{longDay(forecast.likely)}</p>
      <p className="text-sm text-slate-600">
        {number.format(forecast.remaining)} left at {number.format(forecast.velocity)} a week (mean of the last {weeks} weeks); between{" "}
        {longDay(forecast.optimistic)} and {forecast.pessimistic ? longDay(forecast.pessimistic) : "no pessimistic date (a recent week ported nothing)"}.
      </p>
      {targetDate ? (
        <p className={`mt-1 text-sm font-medium ${forecast.onTrack ? "text-green-700" : "text-red-700"}`}>
          {forecast.onTrack ? "On track for" : "Later than"} the target, {longDay(targetDate)}.
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-600">No target date set.</p>
      )}
    </div>
  );
}
