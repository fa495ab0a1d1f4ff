/**
 * The repository form's fields (strings) as the domain's input. Folders are one per line,
 * "path" or "path: flask, django"; "." or an empty list is the whole repository. The credential
 * select says what to do with the stored one: keep it, remove it, or replace it with a token or key.
 */
export type RepositoryFormFields = Record<string, string | undefined>;

export function foldersFromText(text: string | undefined): Array<{ path: string; frameworks?: string[] }> {
  return (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(":");
      if (at < 0) return { path: line === "." ? "" : line };
      const path = line.slice(0, at).trim();
      const frameworks = line
        .slice(at + 1)
        .split(",")
        .map((f) => f.trim().toLowerCase())
        .filter(Boolean);
      return { path: path === "." ? "" : path, ...(frameworks.length ? { frameworks } : {}) };
    });
}

export function foldersToText(folders: Array<{ path: string; frameworks?: string[] }>): string {
  return folders.map((f) => `${f.path || "."}${f.frameworks?.length ? `: ${f.frameworks.join(", ")}` : ""}`).join("\n");
}

function credentials(fields: RepositoryFormFields) {
  switch (fields.credentialKind) {
    case "none":
      return { kind: "none" };
    case "token":
      return { kind: "token", token: fields.token ?? "", ...(fields.tokenUsername ? { username: fields.tokenUsername } : {}) };
    case "ssh-key":
      return { kind: "ssh-key", privateKey: fields.privateKey ?? "" };
    default:
      return undefined; // "keep"
  }
}

export function linkInputFromForm(fields: RepositoryFormFields): Record<string, unknown> {
  const creds = credentials(fields);
  return {
    role: fields.role,
    url: fields.url ?? "",
    branch: fields.branch?.trim() || "main",
    folders: foldersFromText(fields.folders),
    webhookProvider: fields.webhookProvider || "github",
    ...(creds ? { credentials: creds } : {}),
  };
}

export function updateInputFromForm(fields: RepositoryFormFields): Record<string, unknown> {
  const creds = credentials(fields);
  return {
    url: fields.url ?? "",
    branch: fields.branch?.trim() || "main",
    folders: foldersFromText(fields.folders),
    webhookProvider: fields.webhookProvider || "github",
    ...(creds ? { credentials: creds } : {}),
  };
}
