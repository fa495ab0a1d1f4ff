import { describe, expect, it } from "vitest";
import { fileUrl, repositoryWebUrl } from "@/lib/repositories/file-links";

const C = "abc1234def5678abc1234def5678abc1234def56";

describe("fileUrl", () => {
  it.each([
    ["https://github.com/acme/shop.git", "shop/views.py", 42, `https://github.com/acme/shop/blob/${C}/shop/views.py#L42`],
    ["git@github.com:acme/shop.git", "app.py", undefined, `https://github.com/acme/shop/blob/${C}/app.py`],
    ["ssh://git@gitlab.com/group/sub/shop.git", "a b/x.py", 3, `https://gitlab.com/group/sub/shop/-/blob/${C}/a%20b/x.py#L3`],
    ["https://gitlab.example.com/g/p", "x.rb", 7, `https://gitlab.example.com/g/p/-/blob/${C}/x.rb#L7`],
    ["https://x-token-auth@bitbucket.org/team/repo.git", "src/app.php", 10, `https://bitbucket.org/team/repo/src/${C}/src/app.php#lines-10`],
  ])("%s %s:%s", (remote, file, line, expected) => {
    expect(fileUrl(remote, C, file, line)).toBe(expected);
  });

  it.each([
    ["/srv/repos/legacy", "a.py"],
    ["file:///srv/repos/legacy", "a.py"],
    ["https://git.example.com/acme/shop.git", "a.py"],
    ["https://github.com/acme", "a.py"],
    ["https://github.com/acme/../shop", "a.py"],
    ["https://github.com/acme/shop", ""],
  ])("no link for %s %s", (remote, file) => {
    expect(fileUrl(remote, C, file, 1)).toBeNull();
  });

  it("refuses a commit that is not an object id", () => {
    expect(fileUrl("https://github.com/acme/shop", "main/../x", "a.py")).toBeNull();
  });

  it("names the host kind", () => {
    expect(repositoryWebUrl("git@gitlab.com:g/p.git")).toEqual({ host: "gitlab", base: "https://gitlab.com/g/p" });
  });
});
