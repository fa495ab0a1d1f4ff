import { expect, test } from "@playwright/test";
import { fillSignIn, fillSignUp, newAccount } from "./helpers";

test("sign-up with a weak password shows the error at the password field and creates nothing", async ({ page }) => {
  const account = newAccount("Weak");
  await fillSignUp(page, { ...account, password: "short" });

  // The message is next to the password field, tied to it for assistive technology.
  const password = page.getByLabel("Password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(/Use at least 10 characters\./);
  const fieldError = password.locator("xpath=..").getByText("Use at least 10 characters.", { exact: true });
  await expect(fieldError).toBeVisible();
  // The message is said once, at its field; the form's own alert only names the field to check
  // (not "The input is invalid. password: …" above the same words).
  await expect(page.getByText("Use at least 10 characters.")).toHaveCount(1);
  await expect(page.getByTestId("form-message")).toHaveText("Check Password.");
  // The other fields keep what was typed and are not flagged.
  await expect(page.getByLabel("Your name")).toHaveValue(account.name);
  await expect(page.getByLabel("E-mail")).toHaveValue(account.email);
  await expect(page.getByLabel("E-mail")).not.toHaveAttribute("aria-invalid", "true");
  // Still on the sign-up page, not signed in.
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);

  // No account was created: signing in with those credentials fails.
  await fillSignIn(page, account.email, "short");
  await expect(page.getByRole("alert").filter({ hasText: "That e-mail and password do not match an account." })).toBeVisible();
  await expect(page).toHaveURL(/\/signin$/);
  const session = await page.request.get("/api/v1/projects");
  expect(session.status()).toBe(401);

  // And the e-mail is still free: signing up with it and a strong password works.
  await fillSignUp(page, account);
  await page.waitForURL(/\/orgs\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { name: "Migration projects" })).toBeVisible();
});

test("sign-up refuses a common password and a password containing the e-mail's name", async ({ page }) => {
  const account = newAccount("Common");
  await fillSignUp(page, { ...account, password: "password123" });
  const password = page.getByLabel("Password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(/too common/);
  await expect(page).toHaveURL(/\/signup$/);

  const local = account.email.split("@")[0];
  await password.fill(`${local}-Xy9!`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(password).toHaveAccessibleDescription(/must not contain your e-mail name/);
  await expect(page.getByText("The password must not contain your e-mail name.")).toHaveCount(1);
  await expect(page).toHaveURL(/\/signup$/);
});

test("sign-up with several bad fields names each once, at its field, in words", async ({ page }) => {
  await fillSignUp(page, { name: "", email: "not-an-e-mail", password: "short" });
  for (const label of ["Your name", "E-mail", "Password"]) await expect(page.getByLabel(label)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("form-message")).toHaveText("Check Your name, E-mail and Password.");
  await expect(page.getByTestId("form-message")).toHaveRole("alert");
  await expect(page.getByText("Use at least 10 characters.")).toHaveCount(1);
  // No field's key or "The input is invalid" anywhere on the page.
  await expect(page.getByText(/input is invalid|password:|email:|name:/)).toHaveCount(0);
});
