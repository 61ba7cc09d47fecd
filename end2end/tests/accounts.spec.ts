import { expect, test } from "@playwright/test";
import { hydrated, PASSWORD, signUp, uniqueName, navLink } from "./helpers";

test("sign up, log out, log in, edit the profile, and the change survives a reload", async ({ page }) => {
  const username = uniqueName("ana");
  await signUp(page, username, "Ana Prueba");
  await expect(page.getByText("Welcome to Kindred!")).toBeVisible();

  await page.getByRole("button", { name: "Log out" }).click();
  await navLink(page, "Log in");

  await (await navLink(page, "Log in")).click();
  await expect(page).toHaveURL(/\/login/);
  await hydrated(page);
  await page.getByLabel("Email").fill(`${username}@example.org`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await expect(page.getByText("Welcome back, Ana Prueba.")).toBeVisible();

  await (await navLink(page, "Settings")).click();
  await expect(page).toHaveURL(/\/settings\/profile/);
  await hydrated(page);
  await page.getByLabel("City").fill("Buenos Aires");
  await page.getByLabel("Bio").fill("Tango on Sundays, tea every day.");
  await page.getByLabel("Tango role").selectOption("follower");
  await page.getByLabel("Time zone").fill("America/Argentina/Buenos_Aires");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("City")).toHaveValue("Buenos Aires");
  await expect(page.getByLabel("Tango role")).toHaveValue("follower");

  await page.goto(`/members/${username}`);
  await expect(page.getByRole("heading", { name: "Ana Prueba" })).toBeVisible();
  await expect(page.getByText("Tango on Sundays, tea every day.")).toBeVisible();
  await expect(page.getByText("Buenos Aires")).toBeVisible();
});

test("a wrong password shows an error and keeps the typed email", async ({ page }) => {
  const username = uniqueName("bea");
  await signUp(page, username);
  await page.getByRole("button", { name: "Log out" }).click();
  await navLink(page, "Log in");

  await page.goto("/login");
  await hydrated(page);
  const email = `${username}@example.org`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not my password at all");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("don't match an account");
  await expect(page.getByLabel("Email")).toHaveValue(email);
});

test("field errors appear next to their field and the form keeps what was typed", async ({ page }) => {
  const taken = uniqueName("cara");
  await signUp(page, taken);
  await page.getByRole("button", { name: "Log out" }).click();
  await navLink(page, "Log in");

  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Email").fill(`other-${taken}@example.org`);
  await page.getByLabel("Username").fill(taken);
  await page.getByLabel("Display name").fill("Someone Else");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  const username = page.getByLabel("Username");
  await expect(username).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("That username is taken.")).toBeVisible();
  await expect(page.getByLabel("Display name")).toHaveValue("Someone Else");

  await username.fill(uniqueName("cara"));
  await page.getByLabel("Password").fill("password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText(/most common/)).toBeVisible();
});

test("changing the password needs the current one", async ({ page }) => {
  await signUp(page, uniqueName("dora"));
  await page.getByRole("link", { name: "Password" }).click();
  await hydrated(page);
  await page.getByLabel("Current password").fill("wrong wrong wrong");
  await page.getByLabel("New password").fill("a fresh spring morning");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/^Password changed\./)).toBeVisible();
});
