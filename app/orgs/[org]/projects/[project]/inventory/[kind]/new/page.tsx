import Link from "next/link";
import { notFound } from "next/navigation";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { kindFromSegment, KIND_SINGULAR } from "@/lib/inventory/labels";
import { itemFormOptions } from "@/lib/inventory/form-options";
import { ItemForm } from "@/components/inventory/item-form";
import { createItemAction } from "../../actions";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "Add to the inventory" };

export default async function NewItemPage({ params }: { params: Promise<{ org: string; project: string; kind: string }> }) {
  const { org, project: slug, kind: segment } = await params;
  const kind = kindFromSegment(segment);
  if (!kind) notFound();
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const back = `${projectPath(ctx.organizationSlug, project.slug)}/inventory/${segment}`;
  return (
    <section className="max-w-3xl">
      <p className="text-sm">
        <Link href={back}>← Back to the list</Link>
      </p>
      <h2 className="mt-2 text-xl font-semibold">Add a {KIND_SINGULAR[kind]}</h2>
      <div className="card mt-4">
        {can(ctx.role, "inventory:edit") ? (
          <ItemForm
            action={createItemAction}
            kind={kind}
            hidden={{ org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug, kind: segment }}
            options={await itemFormOptions(db, ctx)}
            submitLabel={`Add ${KIND_SINGULAR[kind]}`}
          />
        ) : (
          <p role="alert">Viewers cannot change the inventory.</p>
        )}
      </div>
    </section>
  );
}
