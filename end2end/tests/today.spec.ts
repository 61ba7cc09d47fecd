import { expect, test } from "@playwright/test";
import { hydrated, signUp, uniqueName } from "./helpers";

test("a visitor's home page says what Kindred is, with events and communities, before hydration", async ({ page }) => {
  const html = await (await page.request.get("/")).text();
  expect(html).toContain("A home for practice communities");
  expect(html).toContain("Coming up");
  expect(html).toContain("Communities");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "A home for practice communities" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Coming up" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create your account" })).toBeVisible();
});

test("a member's home is Today: card, events, unread, streak and posts, each linking on", async ({ page }) => {
  const name = uniqueName("tod");
  await signUp(page, name);
  // Rendered on the server in full: usable before the WASM arrives.
  const html = await (await page.request.get("/")).text();
  for (const section of ["Today&#x27;s card", "Your next events", "Waiting for you", "Check-in streak", "From your people"]) {
    expect(html.includes(section) || html.includes(section.replace("&#x27;", "'")), section).toBeTruthy();
  }
  await page.goto("/");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await expect(page.getByText("You're all caught up.")).toBeVisible();
  await expect(page.getByText("Check in at a place to start a streak.")).toBeVisible();
  await page.getByRole("link", { name: "Draw today's card" }).click();
  await expect(page).toHaveURL(/\/oracle$/);
  await page.goto("/");
  await page.getByRole("link", { name: "My events" }).click();
  await expect(page).toHaveURL(/\/events\/mine$/);
});
