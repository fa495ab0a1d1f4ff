import { redirect } from "next/navigation";
import { requireUserPage } from "@/lib/pages/org-page";
import { listUserOrganizations } from "@/lib/orgs/membership";
import { orgPath } from "@/lib/projects/paths";

export default async function Home() {
  const { db, user } = await requireUserPage("/");
  const memberships = await listUserOrganizations(db, user.id);
  redirect(memberships.length ? orgPath(memberships[0].organization.slug) : "/orgs/new");
}
