import { ActionButton } from "@/components/forms/action-button";
import type { ActionState } from "@/lib/actions/action-state";

type Attempt = { number: number; at: Date; ok: boolean; statusCode: number | null; error: string | null; durationMs: number };
type Delivery = { id: string; event: string; title: string; status: string; attempts: Attempt[]; nextAttemptAt: Date | null };

/** An endpoint's latest deliveries, each attempt with its answer, and "Redeliver". */
export function DeliveryLog({
  deliveries,
  redeliver,
  hidden,
  disabled,
}: {
  deliveries: Delivery[];
  redeliver: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  disabled: boolean;
}) {
  if (deliveries.length === 0) return <p className="text-sm text-slate-600">Nothing sent yet.</p>;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Delivery log</caption>
      <thead>
        <tr className="text-left">
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.id} className="border-t border-slate-200 align-top dark:border-slate-700">
            <td className="py-1">
              <span className="font-mono text-xs">{d.event}</span>
              <br />
              {d.title}
            </td>
            <td>
              {d.status}
              {d.nextAttemptAt ? <span className="block text-xs text-slate-600">next try {d.nextAttemptAt.toISOString()}</span> : null}
            </td>
            <td>
              <ol className="text-xs">
                {d.attempts.map((a) => (
                  <li key={a.number}>
                    #{a.number} {a.at.toISOString()} · {a.ok ? "ok" : "failed"} {a.statusCode ?? ""} {a.error ? `· ${a.error.slice(0, 80)}` : ""} ·{" "}
                    {a.durationMs} ms
                  </li>
                ))}
              </ol>
            </td>
            <td>
              {!disabled && d.status !== "pending" ? (
                <ActionButton
                  action={redeliver}
                  hidden={{ ...hidden, deliveryId: d.id }}
                  label="Redeliver"
                  className="btn-secondary"
                  accessibleName={`Redeliver ${d.title}`}
                />
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
