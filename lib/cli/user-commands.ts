import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { signUp } from "@/lib/accounts/sign-up";
import { parseOptions } from "./args";
import { CliError } from "./cli-error";

/** `waypoint create-user --email E --name N [--password P] [--org NAME]` */
export async function createUserCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    email: { type: "string" },
    name: { type: "string" },
    password: { type: "string" },
    org: { type: "string" },
  });
  if (!values.email || !values.name) throw new CliError("create-user needs --email and --name.");
  const password = values.password ?? randomBytes(12).toString("base64url");
  const db = await getDb();
  const { user, organization } = await signUp(db, {
    email: values.email,
    name: values.name,
    password,
    ...(values.org ? { organizationName: values.org } : {}),
  });
  console.log(`Created ${user.email}, admin of "${organization.name}" (/${organization.slug}).`);
  if (!values.password) console.log(`Password: ${password}`);
  return 0;
}
