/**
 * At most about `max` points of a daily series for drawing: every k-th day (k = 7 when weekly
 * points suffice), always with the last day. A chart 500 pixels wide gains nothing from 730
 * points, and the browser draws (and the page carries) a fifth as much. The CSV stays daily.
 */
export function samplePoints<T>(points: T[], max = 160): T[] {
  if (points.length <= max) return points;
  const step = Math.max(7, Math.ceil(points.length / max));
  const kept: T[] = [];
  // Count back from the last day so the latest point is always drawn.
  for (let i = points.length - 1; i >= 0; i -= step) kept.push(points[i]);
  return kept.reverse();
}
