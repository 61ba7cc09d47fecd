import { expect, test } from "@playwright/test";
import { nav, PASSWORD, uniqueName } from "./helpers";

test.use({ javaScriptEnabled: false });

test("sign-up and login work with JavaScript disabled", async ({ page }) => {
  const username = uniqueName("nojs");
  await page.goto("/signup");
  await page.getByLabel("Email").fill(`${username}@example.org`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Display name").fill("No Script");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/settings\/profile/);
  await expect(page.getByLabel("Display name")).toHaveValue("No Script");

  await page.getByLabel("City").fill("Montevideo");
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.goto("/settings/profile");
  await expect(page.getByLabel("City")).toHaveValue("Montevideo");

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(nav(page).getByRole("link", { name: "Log in" })).toBeVisible();

  await page.goto("/login");
  await page.getByLabel("Email").fill(`${username}@example.org`);
  await page.getByLabel("Password").fill("a wrong password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("don't match an account");

  await page.getByLabel("Email").fill(`${username}@example.org`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: /Welcome back, No Script/ })).toBeVisible();
});
