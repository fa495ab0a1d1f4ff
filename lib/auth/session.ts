import { getServerSession } from "next-auth";
import { authOptions } from "./options";

/** The signed-in user's id, or null. The id comes from the signed session token only. */
export async function getSessionUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  return session?.user?.id ?? null;
}
