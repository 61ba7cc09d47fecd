// Throwaway browser checks of public/map.js against the static harness (see run.sh). Offline by
// design: every request that is not to the harness server is aborted, so tiles always fail.
import { test, expect, type Page, type BrowserContext } from "@playwright/test";

const CAFE = "0b9f6c1e-0000-4000-8000-000000000001";
const ODD = "0b9f6c1e-0000-4000-8000-000000000004"; // a name with markup, a javascript: href
const PNG_1PX = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

type Watch = { errors: string[]; requests: string[] };

async function watch(page: Page, context: BrowserContext, tiles: "offline" | "online" = "offline"): Promise<Watch> {
  const w: Watch = { errors: [], requests: [] };
  // Only the harness server is reachable; tiles fail (offline) or get a 1-pixel PNG (online).
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    if (tiles === "online" && url.hostname === "tile.openstreetmap.org") {
      return route.fulfill({ status: 200, contentType: "image/png", body: PNG_1PX });
    }
    return route.abort("internetdisconnected");
  });
  page.on("request", (r) => w.requests.push(r.url()));
  page.on("pageerror", (e) => w.errors.push(`pageerror: ${e.message} ${e.stack ?? ""}`));
  page.on("console", (m) => {
    if (m.type() !== "error" && m.type() !== "warning") return;
    // The browser's own note about each failed tile image is expected offline.
    const from = m.location().url || "";
    if (from.startsWith("https://tile.openstreetmap.org/") && /Failed to load resource/.test(m.text())) return;
    w.errors.push(`console.${m.type()}: ${m.text()} (${from})`);
  });
  return w;
}

const markers = (page: Page) => page.locator("#places-map path.leaflet-interactive");
const view = (page: Page) =>
  page.evaluate(() => {
    const m = (window as any).KindredMap.map();
    const c = m.getCenter();
    return { lat: c.lat, lng: c.lng, zoom: m.getZoom() };
  });
const bboxEvents = (page: Page) => page.evaluate(() => (window as any).Harness.bboxEvents as number);

async function ready(page: Page, count: number) {
  await expect(page.locator("#places-map")).toHaveAttribute("data-ready", "true");
  await expect(page.locator("#places-map")).toHaveAttribute("data-marker-count", String(count));
  await expect(markers(page)).toHaveCount(count);
}

async function drag(page: Page, dx: number, dy: number) {
  const box = (await page.locator("#places-map").boundingBox())!;
  // Start away from the markers (bottom-left quarter) so that the press lands on the map itself.
  const x = box.x + box.width * 0.2, y = box.y + box.height * 0.85;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
}

test("one marker per list item, offline, the list untouched, the first view not reported", async ({ page, context }, info) => {
  const w = await watch(page, context);
  await page.goto("/index.html");
  await ready(page, 4);
  await expect(page.locator("#places-map")).toHaveAttribute("data-tiles", "unavailable");
  const labels = await markers(page).evaluateAll((ps) => ps.map((p) => [p.getAttribute("aria-label"), p.getAttribute("tabindex"), p.getAttribute("role")]));
  expect(labels).toContainEqual(["Peaceful Grounds Café", "0", "button"]);
  expect(labels).toContainEqual(["<b>Tom & Jerry's</b> Bench", "0", "button"]);
  // Fitted to the places, no closer than zoom 15, every place in view.
  const inView = await page.evaluate(() => {
    const m = (window as any).KindredMap.map();
    return (window as any).Harness.PLACES.slice(0, 4).every((p: any) => m.getBounds().contains([p.lat, p.lng]));
  });
  expect(inView).toBe(true);
  expect((await view(page)).zoom).toBeLessThanOrEqual(15);
  // map.js never writes to the list.
  expect(await page.evaluate(() => document.getElementById("places-list")!.outerHTML)).toBe(
    await page.evaluate(() => (window as any).Harness.initialListHTML),
  );
  // Leaflet's tags go right after map.js's, before leptos_meta's <!--HEAD--> marker (hydration
  // walks the tags after it) and so before the page's stylesheet, whose rules then win.
  expect(
    await page.evaluate(() =>
      [...document.head.childNodes]
        .filter((n) => (n.nodeType === 8 && n.nodeValue === "HEAD") || (n as Element).matches?.("script[src], link[rel=stylesheet]"))
        .map((n) => (n.nodeType === 8 ? `<!--${n.nodeValue}-->` : new URL((n as any).src || (n as any).href).pathname)),
    ),
  ).toEqual([
    "/map.js",
    "/vendor/leaflet/leaflet.css",
    "/vendor/leaflet/leaflet.js",
    "/harness.js",
    "<!--HEAD-->",
    "/harness.css",
  ]);
  await page.waitForTimeout(1000);
  expect(await bboxEvents(page)).toBe(0);
  await expect(page.locator("#places-bbox")).toHaveValue("");
  await page.screenshot({ path: info.outputPath("offline.png") });
  expect(w.errors).toEqual([]);
});

test("waits for the app to hydrate before touching the container", async ({ page, context }) => {
  const w = await watch(page, context);
  await page.goto("/index.html?hydrate=1500");
  await page.waitForTimeout(800);
  expect(await page.evaluate(() => document.getElementById("places-map")!.childElementCount)).toBe(0);
  await expect(page.locator("#places-map")).not.toHaveAttribute("data-ready", "true");
  expect(w.requests.some((u) => u.endsWith("/vendor/leaflet/leaflet.js"))).toBe(true); // fetched early
  await ready(page, 4);
  expect(w.errors).toEqual([]);
});

test("starts anyway when the app never hydrates (about 4 s)", async ({ page, context }) => {
  const w = await watch(page, context);
  await page.goto("/index.html?hydrate=never");
  const t0 = Date.now();
  await page.waitForTimeout(2500);
  await expect(page.locator("#places-map")).not.toHaveAttribute("data-ready", "true");
  await ready(page, 4);
  expect(Date.now() - t0).toBeLessThan(6000);
  expect(w.errors).toEqual([]);
});

test("markers follow the list (items, a new <ol>, attributes, no list) without moving the map", async ({ page, context }) => {
  const w = await watch(page, context);
  await page.goto("/index.html");
  await ready(page, 4);
  const before = await view(page);
  await page.evaluate((ids) => (window as any).Harness.renderItems((window as any).Harness.byIds(ids)), [CAFE, ODD]);
  await ready(page, 2);
  await page.evaluate(() => (window as any).Harness.replaceList((window as any).Harness.PLACES));
  await ready(page, 6);
  const d0 = await page.locator(`#places-map path[aria-label="Peaceful Grounds Café"]`).getAttribute("d");
  await page.evaluate((id) => {
    const li = document.querySelector(`#places-list [data-place-id="${id}"]`)!;
    li.setAttribute("data-lat", "51.52");
    li.setAttribute("data-name", "Peaceful Grounds (moved)");
  }, CAFE);
  await expect(page.locator(`#places-map path[aria-label="Peaceful Grounds (moved)"]`)).toHaveCount(1);
  expect(await page.locator(`#places-map path[aria-label="Peaceful Grounds (moved)"]`).getAttribute("d")).not.toBe(d0);
  await ready(page, 6);
  await page.evaluate(() => (window as any).Harness.removeList());
  await ready(page, 0);
  expect(await view(page)).toEqual(before);
  await page.waitForTimeout(600);
  expect(await bboxEvents(page)).toBe(0);
  expect(w.errors).toEqual([]);
});

test("dragging the map writes the bbox and fires one input event; the reloaded list does not loop", async ({ page, context }) => {
  const w = await watch(page, context);
  await page.goto("/index.html");
  await ready(page, 4);
  const before = await page.evaluate(() => (window as any).KindredMap.map().getBounds().getWest());
  await drag(page, -250, 0); // pull the map left: the view moves east
  await expect.poll(() => bboxEvents(page)).toBe(1);
  const value = await page.locator("#places-bbox").inputValue();
  expect(value).toMatch(/^-?\d+\.\d{5},-?\d+\.\d{5},-?\d+\.\d{5},-?\d+\.\d{5}$/);
  const [west, south, east, north] = value.split(",").map(Number);
  expect(west).toBeLessThan(east);
  expect(south).toBeLessThan(north);
  expect(west).toBeGreaterThan(before);
  // The harness "server" answered with the places in that box: the markers follow.
  const expected = await page.evaluate((v) => (window as any).Harness.inBox(v).length, value);
  await ready(page, expected);
  await page.waitForTimeout(1000);
  expect(await bboxEvents(page)).toBe(1);
  // A wheel zoom is reported too, once it settles.
  const box = (await page.locator("#places-map").boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 300);
  await expect.poll(() => bboxEvents(page)).toBe(2);
  expect(w.errors).toEqual([]);
});

test("the bbox is always one the server accepts (wrapped worlds, zoomed far out)", async ({ page, context }) => {
  const w = await watch(page, context);
  await page.goto("/index.html?reload=off");
  await ready(page, 4);
  const boxes: string[] = [];
  for (const [lat, lng, zoom] of [[51.5074, 359.8722, 12], [0, 170, 2], [80, -540, 2]]) {
    const n = await bboxEvents(page);
    await page.evaluate(([lat, lng, zoom]) => {
      // A press on the map first, as a user's move would start with one.
      document.getElementById("places-map")!.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
      (window as any).KindredMap.map().setView([lat, lng], zoom, { animate: false });
    }, [lat, lng, zoom]);
    await expect.poll(() => bboxEvents(page)).toBe(n + 1);
    boxes.push(await page.locator("#places-bbox").inputValue());
  }
  for (const b of boxes) {
    const [west, south, east, north] = b.split(",").map(Number);
    expect([west, east].every((v) => Math.abs(v) <= 180) && [south, north].every((v) => Math.abs(v) <= 90), b).toBe(true);
    expect(west < east && south < north, b).toBe(true);
  }
  const [west, , east] = boxes[0].split(",").map(Number);
  expect(west < -0.1278 && -0.1278 < east, boxes[0]).toBe(true); // London, not 360° east of it
  expect(boxes[1].split(",")[2]).toBe("180.00000");
  expect(w.errors).toEqual([]);
});

test("the popup: the name as a link, then type and anxiety; markup stays text; keyboard works", async ({ page, context }) => {
  const w = await watch(page, context);
  await page.goto("/index.html?reload=off");
  await ready(page, 4);
  await page.locator(`#places-map path[aria-label="Peaceful Grounds Café"]`).click();
  const popup = page.locator(".leaflet-popup-content");
  await expect(popup.locator("a.place-popup-name")).toHaveText("Peaceful Grounds Café");
  await expect(popup.locator("a.place-popup-name")).toHaveAttribute("href", `/places/${CAFE}`);
  await expect(popup.locator(".place-popup-meta")).toHaveText("Coffee · anxiety: low");
  // A name with markup is text; a javascript: href gives no link at all.
  await page.locator(`#places-map path[aria-label="<b>Tom & Jerry's</b> Bench"]`).click();
  await expect(page.locator(".leaflet-popup")).toHaveCount(1); // the first one fades out
  await expect(popup.locator(".place-popup-name")).toHaveText("<b>Tom & Jerry's</b> Bench");
  await expect(popup.locator("a")).toHaveCount(0);
  await expect(popup.locator("b")).toHaveCount(0);
  // Keyboard: Enter on a focused marker opens its popup and focuses the link; Escape goes back.
  await page.locator(".leaflet-popup-close-button").click();
  await page.locator(`#places-map path[aria-label="Quiet Pages Library"]`).focus();
  await page.keyboard.press("Enter");
  await expect(popup.locator("a.place-popup-name")).toBeFocused();
  await expect(popup.locator("a.place-popup-name")).toHaveText("Quiet Pages Library");
  await page.keyboard.press("Escape");
  await expect(page.locator(".leaflet-popup")).toHaveCount(0);
  await expect(page.locator(`#places-map path[aria-label="Quiet Pages Library"]`)).toBeFocused();
  // The list is still the server's.
  expect(await page.evaluate(() => document.getElementById("places-list")!.outerHTML)).toBe(
    await page.evaluate(() => (window as any).Harness.initialListHTML),
  );
  expect(w.errors).toEqual([]);
});

test("Leaflet loads only when a map appears; a removed map is cleaned up and a new one starts", async ({ page, context }) => {
  const w = await watch(page, context);
  await page.goto("/nomap.html");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await page.waitForTimeout(800);
  expect(w.requests.filter((u) => u.includes("/vendor/leaflet/"))).toEqual([]);
  expect(await page.evaluate(() => [typeof (window as any).L, typeof (window as any).KindredMap])).toEqual(["undefined", "object"]);
  expect(await page.locator("link[data-kindred-map], script[data-kindred-map]").count()).toBe(0);
  // Client-side navigation brings a map and a list.
  await page.evaluate(() => (window as any).Harness.addMap((window as any).Harness.PLACES.slice(0, 3)));
  await ready(page, 3);
  expect(w.requests.filter((u) => u.includes("/vendor/leaflet/")).map((u) => new URL(u).pathname).sort()).toEqual([
    "/vendor/leaflet/leaflet.css",
    "/vendor/leaflet/leaflet.js",
  ]);
  // ...and away again: the map is removed; a drag just before leaving reports nothing late.
  await drag(page, -200, 0);
  await page.evaluate(() => (window as any).Harness.removeMap());
  await expect.poll(() => page.evaluate(() => (window as any).KindredMap.map())).toBe(null);
  await page.waitForTimeout(700);
  expect(await bboxEvents(page)).toBe(0);
  // A new map on the next visit, with Leaflet not fetched again.
  await page.evaluate(() => (window as any).Harness.addMap(null));
  await ready(page, 3);
  expect(w.requests.filter((u) => u.includes("/vendor/leaflet/")).length).toBe(2);
  expect(w.errors).toEqual([]);
});

test("no globals besides KindredMap (Leaflet's L and leaflet are taken back)", async ({ page, context }) => {
  const w = await watch(page, context);
  await page.addInitScript(() => {
    (window as any).__before = Object.getOwnPropertyNames(window);
  });
  await page.goto("/index.html");
  await ready(page, 4);
  const added = await page.evaluate(() => {
    const before = new Set((window as any).__before as string[]);
    return Object.getOwnPropertyNames(window).filter((k) => !before.has(k) && k !== "__before").sort();
  });
  expect(added).toEqual(["Harness", "KindredMap", "_leaflet_events"]); // the last: Leaflet's listener store on window
  expect(w.errors).toEqual([]);
});

test.describe("near me", () => {
  test("centres on the device and reports the view", async ({ browser }) => {
    const context = await browser.newContext({ permissions: ["geolocation"], geolocation: { latitude: 51.5155, longitude: -0.0922 } });
    const page = await context.newPage();
    const w = await watch(page, context);
    await page.goto("/index.html");
    await ready(page, 4);
    const button = page.locator("[data-locate-map]");
    await expect(button).toBeVisible();
    await button.click();
    await expect.poll(async () => (await view(page)).zoom).toBe(14);
    const v = await view(page);
    expect(Math.abs(v.lat - 51.5155)).toBeLessThan(0.001);
    expect(Math.abs(v.lng + 0.0922)).toBeLessThan(0.001);
    await expect.poll(() => bboxEvents(page)).toBe(1);
    const [west, south, east, north] = (await page.locator("#places-bbox").inputValue()).split(",").map(Number);
    expect(west < -0.0922 && -0.0922 < east && south < 51.5155 && 51.5155 < north).toBe(true);
    await expect(button).toBeEnabled();
    expect(w.errors).toEqual([]);
    await context.close();
  });

  test("says so when the position is not available", async ({ browser }) => {
    const context = await browser.newContext(); // no permission: the request is denied
    const page = await context.newPage();
    const w = await watch(page, context);
    await page.goto("/index.html");
    await ready(page, 4);
    const button = page.locator("[data-locate-map]");
    await button.click();
    await expect(button).toHaveText("Location not available — type a city instead");
    await expect(button).toBeEnabled();
    expect(await bboxEvents(page)).toBe(0);
    expect(w.errors).toEqual([]);
    await context.close();
  });

  test("stays hidden without geolocation", async ({ page, context }) => {
    const w = await watch(page, context);
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "geolocation", { get: () => undefined, configurable: true });
    });
    await page.goto("/index.html");
    await ready(page, 4);
    await expect(page.locator("[data-locate-map]")).toBeHidden();
    expect(w.errors).toEqual([]);
  });
});

test("reduced motion turns Leaflet's animations off", async ({ page, context }) => {
  const w = await watch(page, context);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/index.html");
  await ready(page, 4);
  const still = await page.evaluate(() => {
    const o = (window as any).KindredMap.map().options;
    return [o.zoomAnimation, o.fadeAnimation, o.markerZoomAnimation, o.inertia];
  });
  expect(still).toEqual([false, false, false, false]);
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await page.reload();
  await ready(page, 4);
  expect(await page.evaluate(() => (window as any).KindredMap.map().options.zoomAnimation)).toBe(true);
  expect(w.errors).toEqual([]);
});

test("with tiles reachable they load, and the picture looks right", async ({ page, context }, info) => {
  const w = await watch(page, context, "online");
  await page.goto("/index.html");
  await ready(page, 4);
  await expect(page.locator("#places-map")).toHaveAttribute("data-tiles", "ok");
  await expect(page.locator(".leaflet-control-attribution")).toContainText("© OpenStreetMap contributors");
  await page.locator(`#places-map path[aria-label="Peaceful Grounds Café"]`).click();
  await expect(page.locator(".leaflet-popup-content a")).toBeVisible();
  await page.screenshot({ path: info.outputPath("map.png") });
  expect(w.errors).toEqual([]);
});
