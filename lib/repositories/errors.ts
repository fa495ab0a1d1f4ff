import { AppError, type ErrorCode } from "@/lib/errors";

/**
 * What went wrong with a repository, in words a steward can act on. `kind` is what the
 * repository's status shows; the messages never contain a credential.
 *   refused       the location is not allowed by the operator's policy (or is malformed)
 *   unreachable   the remote could not be reached, or is not a git repository
 *   auth_failed   the remote refused the credentials (or asked for some and none were given)
 *   not_found     the branch, commit or file asked for does not exist
 *   too_large     the clone passed the size limit (the partial clone is removed)
 *   timeout       a git command passed its time limit (and was stopped)
 *   misconfigured the server's own settings are missing or wrong (e.g. WAYPOINT_SECRET_KEY)
 *   git_failed    git failed for another reason (its last lines are in the message)
 */
export type RepositoryErrorKind = "refused" | "unreachable" | "auth_failed" | "not_found" | "too_large" | "timeout" | "misconfigured" | "git_failed";

const CODE: Record<RepositoryErrorKind, ErrorCode> = {
  refused: "invalid_input",
  unreachable: "invalid_input",
  auth_failed: "invalid_input",
  not_found: "not_found",
  too_large: "invalid_input",
  timeout: "invalid_input",
  misconfigured: "internal",
  git_failed: "internal",
};

export class RepositoryError extends AppError {
  constructor(
    readonly kind: RepositoryErrorKind,
    message: string,
  ) {
    super(CODE[kind], message, { kind });
    this.name = "RepositoryError";
  }
}
