/** Notification secrets at rest (Slack webhook URLs, webhook signing secrets): sealed with WAYPOINT_SECRET_KEY. */
import { invalid } from "@/lib/errors";
import { secretBoxFromEnv } from "@/lib/repositories/secret-box";

export function seal(plaintext: string, context: string): string {
  try {
    return secretBoxFromEnv().seal(plaintext, context);
  } catch (error) {
    throw invalid(`The secret cannot be stored: ${(error as Error).message}`);
  }
}

export function open(sealed: string, context: string): string {
  return secretBoxFromEnv().open(sealed, context);
}
