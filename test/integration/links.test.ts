import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject, tokenHeaders } from "../helpers/factories";
import { call } from "../helpers/route";

const list = await import("@/app/api/v1/projects/[projectId]/[kind]/route");
const one = await import("@/app/api/v1/projects/[projectId]/[kind]/[itemId]/route");
const imports = await import("@/app/api/v1/projects/[projectId]/imports/route");
const commit = await import("@/app/api/v1/projects/[projectId]/imports/[importId]/commit/route");

async function setup() {
  const db = await testDb();
  const a = await newAdmin(db, "A");
  const project = await newProject(db, a.ctx);
  return { db, pid: project.id, headers: await tokenHeaders(db, a.ctx, project.id, "ENGINEER", "ci") };
}

const BAD_LINKS = [
  "javascript:alert(document.cookie)",
  " JavaScript:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "/relative/path",
  "ftp://files.example.com/a",
];

describe("links: http, https and mailto only, everywhere", () => {
  test("21.12 an import stores a javascript: link that the API and the item form refuse, and the API then serves it", async () => {
    const { db, pid, headers } = await setup();
    const { "Content-Type": _json, ...auth } = headers;
    const upload = (name: string, body: string, format = "csv") =>
      call(
        imports.POST,
        { projectId: pid },
        { method: "POST", headers: { ...auth, "Content-Type": "text/plain" }, body, query: `?format=${format}&kind=modules&fileName=${name}` },
      );

    const csv = await upload("modules.csv", "path,links\napp/ok,https://tracker.example.com/1\napp/evil,javascript:alert(document.cookie)\n");
    expect(csv.status).toBe(400);
    expect(csv.body.error.details.issues).toEqual([expect.objectContaining({ file: "modules.csv", line: 3, field: "links", severity: "error" })]);
    const json = await upload("modules.json", JSON.stringify([{ path: "app/evil", links: ["https://ok.example.com", "java\tscript:alert(1)"] }]), "json");
    expect(json.status).toBe(400);
    expect(json.body.error.details.issues).toEqual([expect.objectContaining({ file: "modules.json", line: 1, field: "links", severity: "error" })]);
    for (const bad of BAD_LINKS) {
      const res = await upload("m.csv", `path,links\napp/evil,"${bad}"\n`);
      expect(res.status, bad).toBe(400);
    }
    expect(await db.importBatch.count()).toBe(0);
    expect(await db.item.count({ where: { projectId: pid } })).toBe(0);

    // The API refuses the same links the import refuses, and accepts the same ones.
    for (const bad of BAD_LINKS) {
      const res = await call(list.POST, { projectId: pid, kind: "modules" }, { method: "POST", headers, json: { path: "app/evil", links: [bad] } });
      expect(res.status, bad).toBe(400);
      expect(Object.keys(res.body.error.details.fields)).toEqual(["links.0"]);
    }
    expect(await db.item.count({ where: { projectId: pid } })).toBe(0);
    const good = ["https://tracker.example.com/1", "http://wiki.example.com/a", "mailto:platform@example.com"];
    const created = await call(list.POST, { projectId: pid, kind: "modules" }, { method: "POST", headers, json: { path: "app/good", links: good } });
    expect(created.status).toBe(201);
    const imported = await upload("modules.csv", `path,links\napp/imported,${good.join(";")}\n`);
    expect(imported.status).toBe(201);
    await call(commit.POST, { projectId: pid, importId: imported.body.id }, { method: "POST", headers });
    const item = await db.item.findFirstOrThrow({ where: { projectId: pid, key: "app/imported" } });
    expect(item.links).toEqual(good);

    // A link stored before this rule (written straight to the table here) is not served.
    await db.item.update({ where: { id: item.id }, data: { links: [...good, "javascript:alert(1)"] } });
    const served = await call(one.GET, { projectId: pid, kind: "modules", itemId: item.id }, { headers });
    expect(served.body.item.links).toEqual(good);
    const listed = await call(list.GET, { projectId: pid, kind: "modules" }, { headers });
    expect(listed.body.data.find((i: { id: string }) => i.id === item.id).links).toEqual(good);
  });
});
