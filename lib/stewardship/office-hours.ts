/**
 * Office hours (the modules in ./office-hours/): weekly slots (a rule in a local time zone, hosts, a place, a capacity), their
 * sessions (computed from the rule, never stored; a cancelled or moved one is an
 * OfficeHourException named by its original local date), and sign-ups with a topic.
 *
 * Who may do what:
 * - slots are created, changed and deleted with "stewardship:run";
 * - a session is cancelled or moved, and a sign-up annotated (notes, answered, raised), with
 *   "stewardship:run" — or by one of the slot's own hosts (a host may be an engineer);
 * - sign-ups need "stewardship:take-part" (not viewers); a sign-up is cancelled by its person, a
 *   host of the slot or anyone with "stewardship:run".
 *
 * Concurrency: every change to a slot's sessions or sign-ups locks the slot row first
 * (`SELECT … FOR UPDATE`), so capacity and "one sign-up per person per session" hold under any
 * number of simultaneous requests; slot creation and rule changes lock the project row, so two
 * clashing slots for one host cannot both be created.
 */

export { DEFAULT_UPCOMING_WEEKS, MAX_UPCOMING_WEEKS, MAX_ACTIVE_SLOTS, slotRule, describeSlot } from "./office-hours/shared";
export * from "./office-hours/slots";
export * from "./office-hours/sessions";
export * from "./office-hours/signups";
