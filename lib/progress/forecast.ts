import { addDays } from "@/lib/time/days";
import type { BurnUpPoint, DayKey, Forecast } from "@/lib/progress/types";
import { extent } from "@/lib/arrays";

export type ForecastOptions = {
  /** How many of the most recent complete weeks the velocity averages over. */
  weeks: number;
  /** The project's target date, if it has one. */
  targetDate: DayKey | null;
};

/** The fewest complete weeks of history a forecast is made from: one week is too noisy. */
export const MIN_FORECAST_WEEKS = 2;

/** One decimal; `|| 0` turns a −0 into 0. */
const round1 = (n: number) => Math.round(n * 10) / 10 || 0;

/**
 * When will the remaining items be ported, at the pace of the last weeks?
 *
 * Weeks are counted back from the last day of the burn-up: week i (0 = most recent) is the 7 days
 * (last − 7(i+1), last − 7i], and its velocity is the net change of `ported` over it — so a
 * rollback counts against the week it happened in. The window uses up to `weeks` such weeks, fewer
 * when the burn-up does not reach that far back (at least `MIN_FORECAST_WEEKS`).
 *
 * Dates: likely = last + ⌈remaining / mean velocity × 7⌉ days; optimistic with the best week's
 * velocity; pessimistic with the worst week's, or null when the worst week ported nothing (or
 * went backwards): at that pace the work never ends.
 */
export function forecast(burnUp: BurnUpPoint[], options: ForecastOptions): Forecast {
  const last = burnUp.at(-1);
  if (!last) return unknown(`Not enough history yet: the forecast needs at least ${MIN_FORECAST_WEEKS} full weeks of progress.`, 0, 0, 0);

  const remaining = Math.max(0, last.scope - last.ported);
  // An empty inventory is not a finished one: there is simply nothing to forecast yet.
  if (last.scope <= 0) return unknown("Nothing is in scope yet: there is nothing to forecast.", 0, 0, 0);
  if (remaining === 0) return { kind: "done", remaining: 0 };

  // Look points up by day rather than by index, so that a gap in the burn-up cannot shift a week.
  const portedOn = new Map(burnUp.map((p) => [p.day, p.ported]));
  const wanted = Math.max(1, Math.floor(options.weeks) || 1);
  // Whether there is enough history is judged on the data, not on the window asked for: with
  // weeks = 1 the data must still span MIN_FORECAST_WEEKS weeks, and then one week is used.
  const reach = Math.max(wanted, MIN_FORECAST_WEEKS);
  const weekly: number[] = [];
  for (let i = 0; i < reach; i++) {
    const end = portedOn.get(addDays(last.day, -7 * i));
    const start = portedOn.get(addDays(last.day, -7 * (i + 1)));
    if (end === undefined || start === undefined) break;
    weekly.push(end - start);
  }
  if (weekly.length < MIN_FORECAST_WEEKS) {
    return unknown(`Not enough history yet: the forecast needs at least ${MIN_FORECAST_WEEKS} full weeks of progress.`, remaining, 0, weekly.length);
  }
  const velocities = weekly.slice(0, wanted);

  const weeks = velocities.length;
  const total = velocities.reduce((a, b) => a + b, 0);
  if (total <= 0) {
    const span = weeks === 1 ? "week" : `${weeks} weeks`;
    return unknown(`Nothing was ported in the last ${span}: no finish date can be forecast.`, remaining, round1(total / weeks), weeks);
  }

  // remaining / (total / weeks) × 7, written so that whole numbers divide exactly (no 20.000000004 → 21).
  const likely = addDays(last.day, Math.ceil((remaining * 7 * weeks) / total));
  const { max: best, min: worst } = extent(velocities);
  const optimistic = addDays(last.day, Math.ceil((remaining * 7) / best));
  const pessimistic = worst > 0 ? addDays(last.day, Math.ceil((remaining * 7) / worst)) : null;

  return {
    kind: "date",
    remaining,
    velocity: round1(total / weeks),
    weeks,
    likely,
    optimistic,
    pessimistic,
    onTrack: options.targetDate === null ? null : likely <= options.targetDate,
  };
}

function unknown(reason: string, remaining: number, velocity: number, weeks: number): Forecast {
  return { kind: "unknown", reason, remaining, velocity, weeks };
}
