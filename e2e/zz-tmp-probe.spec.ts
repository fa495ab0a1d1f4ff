import { test } from "@playwright/test";
import { fillSignUp, newAccount } from "./helpers";
test("probe", async ({ page }) => {
  const a = newAccount("Probe");
  await fillSignUp(page, { ...a, organizationName: "New" });
  await page.waitForTimeout(4000);
  console.log("landed on", page.url());
  console.log(await page.locator("h1").allInnerTexts());
  const r = await page.request.get("/api/v1/projects?organization=new");
  console.log(r.status(), await r.text());
  await page.screenshot({ path: "test-results/org-new.png" });
});
