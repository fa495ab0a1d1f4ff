import { redirect } from "next/navigation";
import { requireUserPage } from "@/lib/pages/org-page";
import { listUserOrganizations } from "@/lib/orgs/membership";

export default async function Home() {
  const { db, user } = await requireUserPage("/");
  const memberships = await listUserOrganizations(db, user.id);
  redirect(memberships.length ? `/orgs/${memberships[0].organization.slug}` : "/orgs/new");
}
