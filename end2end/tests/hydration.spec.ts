import { expect, Page, test } from "@playwright/test";
import { hydrated, makeModerator, nav, signUp, uniqueName } from "./helpers";

// Pages are lazy routes: each page's code is a separate WASM chunk (cargo leptos --split), and
// hydration waits for the chunk of the page the server rendered. These tests load every page
// straight from the server and check that it hydrates without errors, that client-side
// navigation fetches the next page's chunk, and that the first route needs only the main bundle.

/** Collects console errors, uncaught exceptions and the WASM files a page fetches. */
function watch(page: Page) {
  const errors: string[] = [];
  const wasm: string[] = [];
  page.on("console", (msg) => {
    // A 401 or 404 answer is logged as a failed resource; that is the app working, not an error.
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("request", (req) => {
    const path = new URL(req.url()).pathname;
    if (path.endsWith(".wasm")) wasm.push(path.split("/").pop()!);
  });
  return { errors, wasm };
}

test("the first route hydrates with the main WASM bundle alone", async ({ page }) => {
  const seen = watch(page);
  await page.goto("/");
  await hydrated(page);
  expect(seen.wasm).toEqual(["kindred.wasm"]);
  expect(seen.errors).toEqual([]);
});

test("every page hydrates from server HTML without errors, signed out and in", async ({ page }) => {
  const seen = watch(page);
  const signedOut = ["/login", "/signup", "/members", "/oracle", "/oracle/cards", "/oracle/cards/the-fool", "/explore", "/events", "/events/calendar", "/places", "/no/such/page"];
  for (const path of signedOut) {
    await page.goto(path);
    await hydrated(page);
  }
  expect(seen.errors).toEqual([]);

  const name = uniqueName("hyd");
  await signUp(page, name);
  makeModerator(name);
  const signedIn = [
    "/",
    "/feed",
    "/explore",
    "/latest",
    "/bookmarks",
    "/search?q=tango",
    "/tags/milonga",
    "/chakras/heart",
    "/members",
    `/members/${name}`,
    `/members/${name}/followers`,
    `/members/${name}/following`,
    "/people",
    "/moderation",
    "/settings/profile",
    "/settings/password",
    "/notifications",
    "/settings/notifications",
    "/oracle",
    "/oracle/guide",
    "/oracle/guide/questionnaire",
    "/oracle/readings",
    "/oracle/journal",
    "/oracle/cards",
    "/oracle/cards/the-fool",
    "/events",
    "/events/calendar",
    "/events/mine",
    "/events/new",
    "/settings/calendar",
    "/places",
    "/places/new",
    "/places/redeem",
    "/journey",
    "/mentors",
    "/sessions",
    "/settings/mentoring",
  ];
  for (const path of signedIn) {
    await page.goto(path);
    await hydrated(page);
    await expect(page.locator("h1").first()).toBeVisible();
  }
  expect(seen.errors).toEqual([]);
});

test("client-side navigation loads the next page's chunk", async ({ page }) => {
  const seen = watch(page);
  await page.goto("/");
  await hydrated(page);
  // A marker that a full page load would wipe out.
  await page.evaluate(() => ((window as unknown as { kindredMarker: number }).kindredMarker = 1));
  await nav(page).getByRole("link", { name: "Oracle" }).click();
  await expect(page).toHaveURL(/\/oracle$/);
  await expect(page.getByRole("heading", { name: "Oracle", exact: true })).toBeVisible();
  await nav(page).getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { kindredMarker?: number }).kindredMarker)).toBe(1);
  expect(seen.wasm.length).toBeGreaterThan(1);
  expect(seen.errors).toEqual([]);
});
