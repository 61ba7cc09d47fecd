import { Browser, expect, Page, test } from "@playwright/test";
import { hydrated, newMember, signUp, uniqueName } from "./helpers";

test("a notification reaches the bell live, on another page, without a reload", async ({ browser }) => {
  const a = await newMember(browser, "la");
  const b = await newMember(browser, "lb");

  // B is reading the member directory; their socket is open.
  await b.page.goto("/members");
  await hydrated(b.page);
  await expect(b.page.locator("html[data-live='true']")).toHaveCount(1, { timeout: 15_000 });
  await expect(b.page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  const marker = await b.page.evaluate(() => {
    (window as unknown as { kindredMarker: number }).kindredMarker = 42;
    return 42;
  });

  // A follows B.
  await a.page.goto(`/members/${b.name}`);
  await hydrated(a.page);
  await a.page.getByRole("button", { name: "Follow" }).click();
  await expect(a.page.getByRole("button", { name: "Unfollow" })).toBeVisible();

  // B's badge updates within seconds, and the page was not reloaded.
  await expect(b.page.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible({ timeout: 5_000 });
  expect(await b.page.evaluate(() => (window as unknown as { kindredMarker?: number }).kindredMarker)).toBe(marker);
});
