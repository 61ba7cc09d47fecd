import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { hydrated, signUp, uniqueName } from "./helpers";

async function seriousViolations(page: import("@playwright/test").Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test("the shell has no serious accessibility violations, in light and dark", async ({ page }) => {
  for (const path of ["/", "/login", "/signup", "/members", "/no-such-page"]) {
    await page.goto(path);
    expect(await seriousViolations(page), path).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/login");
  expect(await seriousViolations(page), "dark /login").toEqual([]);
  await signUp(page, uniqueName("axe"));
  expect(await seriousViolations(page), "settings").toEqual([]);
});

test("unknown pages answer 404 with a way home", async ({ page }) => {
  const res = await page.goto("/this/does/not/exist");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
});

test("the theme toggle switches and the choice persists", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "system");
  await page.getByRole("button", { name: /Switch to Dark theme/ }).click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.getByRole("button", { name: /Switch to Light theme/ }).click();
  await expect(html).toHaveAttribute("data-theme", "light");
});

test("the manifest, icons and service worker are served", async ({ page, request }) => {
  const res = await request.get("/manifest.webmanifest");
  expect(res.ok()).toBeTruthy();
  expect(res.headers()["content-type"]).toContain("manifest+json");
  const manifest = await res.json();
  expect(manifest.display).toBe("standalone");
  expect(manifest.start_url).toBeTruthy();
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toContain("192x192");
  expect(sizes).toContain("512x512");
  expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === "maskable")).toBeTruthy();
  for (const icon of manifest.icons) {
    const img = await request.get(icon.src);
    expect(img.ok(), icon.src).toBeTruthy();
    expect(img.headers()["content-type"]).toBe("image/png");
  }
  const sw = await request.get("/sw.js");
  expect(sw.ok()).toBeTruthy();
  expect(await sw.text()).toContain("kindred-");

  await page.goto("/");
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toMatch(/\/$/);
});

test("the offline page appears when the network goes away", async ({ page, context }) => {
  await page.goto("/");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  try {
    await page.goto("/members");
    await expect(page.getByRole("heading", { name: "You're offline" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Try again" })).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test("the places list opens offline once seen, with its map markers", async ({ page, context }) => {
  await page.goto("/places");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // Seen once while online (this visit goes through the worker, which keeps it).
  await page.goto("/places");
  await expect(page.getByRole("heading", { name: "Places", level: 1 })).toBeVisible();
  await context.setOffline(true);
  try {
    await page.goto("/places");
    await expect(page.getByRole("heading", { name: "Places", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "You're offline" })).toHaveCount(0);
  } finally {
    await context.setOffline(false);
  }
});

test("a signed-in member's pages are not kept offline", async ({ page, context }) => {
  await signUp(page, uniqueName("private"));
  await page.goto("/places");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.goto("/places");
  await expect(page.getByRole("heading", { name: "Places", level: 1 })).toBeVisible();
  const kept = await page.evaluate(async () => {
    const names = await caches.keys();
    let n = 0;
    for (const name of names.filter((k) => k.startsWith("kindred-pages-"))) {
      n += (await (await caches.open(name)).keys()).length;
    }
    return n;
  });
  expect(kept, "pages kept for a signed-in member").toBe(0);
  await context.setOffline(true);
  try {
    await page.goto("/places");
    await expect(page.getByRole("heading", { name: "You're offline" })).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test("the phone tab bar fits: five tabs at most, the rest behind More", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "the tab bar is the phone layout");
  const width = page.viewportSize()!.width;
  for (const signedIn of [false, true]) {
    if (signedIn) await signUp(page, uniqueName("tabs"));
    await page.goto("/");
    await hydrated(page);
    const tabs = page.locator(".app-nav .nav-list > li:visible");
    const count = await tabs.count();
    expect(count, "tabs").toBeLessThanOrEqual(5);
    for (let i = 0; i < count; i++) {
      const box = (await tabs.nth(i).boundingBox())!;
      expect(box.x, `tab ${i} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `tab ${i} ends on screen`).toBeLessThanOrEqual(width + 0.5);
    }
    const oracle = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Oracle", exact: true });
    await expect(oracle).toBeHidden();
    await page.getByRole("navigation", { name: "Main" }).getByText("More", { exact: true }).click();
    await oracle.click();
    await expect(page).toHaveURL(/\/oracle$/);
    // The sheet closes once the page has changed.
    await expect(oracle).toBeHidden();
  }
});

test("header icons are the app's own drawings, not emoji", async ({ page }) => {
  await page.goto("/");
  const search = page.getByRole("link", { name: "Search" });
  await expect(search.locator("svg")).toHaveCount(1);
  expect((await search.innerText()).trim()).toBe("");
});
