import { expect, Page, test } from "@playwright/test";
import { hydrated, makeModerator, signUp, uniqueName, navLink } from "./helpers";

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

// Each page is its own test with its own time budget: a cold debug build on a fresh machine
// takes seconds per page, and one budget for forty pages ran out.
const signedOut = ["/login", "/signup", "/members", "/oracle", "/oracle/cards", "/oracle/cards/the-fool", "/explore", "/events", "/events/calendar", "/places", "/no/such/page"];
for (const path of signedOut) {
  test(`${path} hydrates from server HTML without errors, signed out`, async ({ page }) => {
    const seen = watch(page);
    await page.goto(path);
    await hydrated(page);
    expect(seen.errors).toEqual([]);
  });
}

test.describe("signed in", () => {
  let name = "";
  let cookies: Awaited<ReturnType<import("@playwright/test").BrowserContext["cookies"]>> = [];
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    name = uniqueName("hyd");
    await signUp(page, name);
    makeModerator(name);
    cookies = await context.cookies();
    await context.close();
  });
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
    "/members/{me}",
    "/members/{me}/followers",
    "/members/{me}/following",
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
    "/practice/together",
    "/assistant",
  ];
  for (const template of signedIn) {
    test(`${template} hydrates from server HTML without errors, signed in`, async ({ page }) => {
      await page.context().addCookies(cookies);
      const seen = watch(page);
      await page.goto(template.replace("{me}", name));
      await hydrated(page);
      await expect(page.locator("h1").first()).toBeVisible();
      expect(seen.errors).toEqual([]);
    });
  }
});

test("client-side navigation loads the next page's chunk", async ({ page }) => {
  const seen = watch(page);
  await page.goto("/");
  await hydrated(page);
  // A marker that a full page load would wipe out.
  await page.evaluate(() => ((window as unknown as { kindredMarker: number }).kindredMarker = 1));
  await (await navLink(page, "Oracle")).click();
  await expect(page).toHaveURL(/\/oracle$/);
  await expect(page.getByRole("heading", { name: "Oracle", exact: true })).toBeVisible();
  await (await navLink(page, "Members")).click();
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { kindredMarker?: number }).kindredMarker)).toBe(1);
  expect(seen.wasm.length).toBeGreaterThan(1);
  expect(seen.errors).toEqual([]);
});
