import { beforeEach, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject, tokenHeaders } from "../helpers/factories";
import { createSubmission } from "../helpers/agent-fixtures";
import { call } from "../helpers/route";
import { signIn } from "../helpers/session";
import { createItem } from "@/lib/inventory/items";

const queue = await import("@/app/api/v1/projects/[projectId]/review/route");
const confirm = await import("@/app/api/v1/projects/[projectId]/review/[submissionId]/confirm/route");
const sendBack = await import("@/app/api/v1/projects/[projectId]/review/[submissionId]/send-back/route");

beforeEach(() => {
  signIn(null);
});

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db, "Ada");
  const project = await newProject(db, admin.ctx);
  const ann = await newMember(db, admin.organization.id, "ENGINEER", "Ann");
  const submit = async (path: string) => {
    const item = await createItem(db, admin.ctx, project.id, "ROUTE", { method: "GET", path });
    return createSubmission(db, { organizationId: admin.organization.id, projectId: project.id, itemId: item.id, holderId: ann.user.id });
  };
  return { db, admin, pid: project.id, ann, submit };
}

describe("the review API", () => {
  test("GET lists the queue; POST confirm and send-back answer the decision; twice 409; a bad note 400", async () => {
    const { db, pid, ann, submit } = await setup();
    const one = await submit("/one");
    const two = await submit("/two");
    signIn(ann.user.id);
    const listed = await call(queue.GET, { projectId: pid });
    expect(listed.status).toBe(200);
    expect(listed.body.pending.map((r: { item: { key: string } }) => r.item.key)).toEqual(["GET /one", "GET /two"]);
    expect(listed.body.pending[0].submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await call(queue.GET, { projectId: pid }, { query: "?mine=maybe" })).status).toBe(400);

    const confirmed = await call(confirm.POST, { projectId: pid, submissionId: one.id }, { method: "POST" });
    expect(confirmed).toMatchObject({ status: 200, body: { id: one.id, outcome: "CONFIRMED", decidedById: ann.user.id } });
    expect((await call(confirm.POST, { projectId: pid, submissionId: one.id }, { method: "POST" })).status).toBe(409);

    expect((await call(sendBack.POST, { projectId: pid, submissionId: two.id }, { method: "POST", json: { note: "" } })).status).toBe(400);
    expect((await call(sendBack.POST, { projectId: pid, submissionId: two.id }, { method: "POST", json: { note: "x".repeat(5001) } })).status).toBe(400);
    const sent = await call(sendBack.POST, { projectId: pid, submissionId: two.id }, { method: "POST", json: { note: "Missing the 404 page." } });
    expect(sent).toMatchObject({ status: 200, body: { outcome: "SENT_BACK", reviewNote: "Missing the 404 page." } });
    expect((await db.item.findUniqueOrThrow({ where: { id: two.itemId } })).status).toBe("IN_PROGRESS");
  });

  test("a project token (even a steward's) is no person: 403, nothing written; another tenant's submission: 404", async () => {
    const { db, admin, pid, submit } = await setup();
    const one = await submit("/one");
    const headers = await tokenHeaders(db, admin.ctx, pid, "STEWARD");
    expect((await call(confirm.POST, { projectId: pid, submissionId: one.id }, { method: "POST", headers })).status).toBe(403);
    expect((await call(sendBack.POST, { projectId: pid, submissionId: one.id }, { method: "POST", headers, json: { note: "no" } })).status).toBe(403);
    const other = await newAdmin(db, "Olga");
    const otherProject = await newProject(db, other.ctx);
    signIn(other.user.id);
    expect((await call(confirm.POST, { projectId: otherProject.id, submissionId: one.id }, { method: "POST" })).status).toBe(404);
    expect((await call(confirm.POST, { projectId: pid, submissionId: one.id }, { method: "POST" })).status).toBe(404);
    expect((await db.agentSubmission.findUniqueOrThrow({ where: { id: one.id } })).outcome).toBeNull();
  });
});
