import { expect, Page } from "@playwright/test";

export const PASSWORD = "a quiet milonga night";

/** A fresh, valid username for this run. */
export function uniqueName(prefix = "m"): string {
  const id = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  return `${prefix}${id}`.slice(0, 30);
}

/** Waits until the WASM app has hydrated (forms then submit without a page load). */
export async function hydrated(page: Page) {
  await expect(page.locator("body[data-hydrated='true']")).toHaveCount(1, { timeout: 30_000 });
}

export async function signUp(page: Page, username: string, displayName = username) {
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Email").fill(`${username}@example.org`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Display name").fill(displayName);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/settings\/profile/);
}

/** The main navigation (side bar on wide screens, tab bar on phones). */
export function nav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}
