import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { setupChecklist } from "@/lib/onboarding/setup-checklist";
import { createItem, updateItem } from "@/lib/inventory/items";
import { createTeam } from "@/lib/teams/teams";
import { createInvitation } from "@/lib/members/invitations";
import { claimItem } from "@/lib/claims/claims";

const doneSteps = (steps: { id: string; done: boolean }[] | null) => steps?.filter((s) => s.done).map((s) => s.id);

describe("the setup checklist of a new project", () => {
  test("each step is read from the data; the list is gone once all are done", async () => {
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const project = await newProject(db, a.ctx);
    const steps = await setupChecklist(db, a.ctx, project.id);
    expect(steps?.map((s) => s.id)).toEqual(["import", "team", "invite", "owners", "claim"]);
    expect(doneSteps(steps)).toEqual([]);
    expect(steps?.[0].href).toBe(`/orgs/${a.ctx.organizationSlug}/projects/${project.slug}/import`);

    const route = await createItem(db, a.ctx, project.id, "ROUTE", { method: "GET", path: "/about" });
    expect(doneSteps(await setupChecklist(db, a.ctx, project.id))).toEqual(["import"]);
    const teamId = await createTeam(db, a.ctx, { name: "Platform" });
    expect(doneSteps(await setupChecklist(db, a.ctx, project.id))).toEqual(["import", "team"]);
    await createInvitation(db, a.ctx, { email: "eve@example.com", role: "ENGINEER" });
    expect(doneSteps(await setupChecklist(db, a.ctx, project.id))).toEqual(["import", "team", "invite"]);
    await updateItem(db, a.ctx, project.id, "ROUTE", route.id, { owner: `team:${teamId}` });
    expect(doneSteps(await setupChecklist(db, a.ctx, project.id))).toEqual(["import", "team", "invite", "owners"]);
    await claimItem(db, a.ctx, project.id, route.id);
    expect(await setupChecklist(db, a.ctx, project.id)).toBeNull();
  });

  test("a member who joined counts as invited; another organisation's data counts for nothing; another tenant's project is 404", async () => {
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const b = await newAdmin(db, "B");
    const mine = await newProject(db, a.ctx);
    const theirs = await newProject(db, b.ctx);
    await createItem(db, b.ctx, theirs.id, "ROUTE", { method: "GET", path: "/x" });
    await createTeam(db, b.ctx, { name: "Theirs" });
    expect(doneSteps(await setupChecklist(db, a.ctx, mine.id))).toEqual([]);
    await newMember(db, a.ctx.organizationId, "VIEWER");
    expect(doneSteps(await setupChecklist(db, a.ctx, mine.id))).toEqual(["invite"]);
    await expect(setupChecklist(db, a.ctx, theirs.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
