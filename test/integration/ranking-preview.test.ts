import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { createItem } from "@/lib/inventory/items";
import { previewRankingWeights } from "@/lib/ranking/preview";
import { DEFAULT_WEIGHTS } from "@/lib/ranking/weights";

describe("the ranking weights preview", () => {
  test("ranks under the candidate weights, names each item's place under the saved ones, stores nothing, and is for those who tune", async () => {
    const db = await testDb();
    const a = await newAdmin(db);
    const p = await newProject(db, a.ctx);
    // Busy and hard against quiet and easy: the traffic weight decides which comes first.
    await createItem(db, a.ctx, p.id, "ROUTE", { method: "GET", path: "/busy", trafficPerDay: 9000, complexity: 5 });
    await createItem(db, a.ctx, p.id, "ROUTE", { method: "GET", path: "/quiet", trafficPerDay: 10, complexity: 1 });

    const saved = await previewRankingWeights(db, a.ctx, p.id, DEFAULT_WEIGHTS);
    expect(saved.map((r) => r.position)).toEqual(saved.map((r) => r.was));

    const noTraffic = await previewRankingWeights(db, a.ctx, p.id, { ...DEFAULT_WEIGHTS, traffic: 0, complexity: 10 });
    const quiet = noTraffic.find((r) => r.key === "GET /quiet")!;
    const busy = noTraffic.find((r) => r.key === "GET /busy")!;
    expect(quiet.position).toBeLessThan(busy.position);
    expect(new Set(noTraffic.map((r) => r.key))).toEqual(new Set(saved.map((r) => r.key)));
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).rankingWeights).toBeNull();

    await expect(previewRankingWeights(db, a.ctx, p.id, { ...DEFAULT_WEIGHTS, traffic: 11 })).rejects.toMatchObject({ code: "invalid_input" });
    const engineer = await newMember(db, a.organization.id, "ENGINEER");
    await expect(previewRankingWeights(db, engineer.ctx, p.id, DEFAULT_WEIGHTS)).rejects.toMatchObject({ code: "forbidden" });
  });
});
