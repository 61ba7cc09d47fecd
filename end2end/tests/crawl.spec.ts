import { Browser, expect, Page, Request, test } from "@playwright/test";
import { createCommunity, makeModerator, signUp, uniqueName } from "./helpers";

// Everyday use: a crawler that starts at the home page and reaches every kind of page by clicking
// (tabs, the "More" sheet, in-page links to a post, an event, a place, a community, a channel, a
// card, a profile…), signed out and then signed in; then it opens every page it reached directly.
//
// On every page it fails on
//   - any response with status ≥ 500 (documents, server functions, chunks, images);
//   - any uncaught exception or console error ("Failed to load resource" aside: that is how the
//     browser logs a 401/404 answer, which is the app working — hydration.spec.ts does the same);
//   - a page that does not hydrate;
//   - any error view: the router's not-found page ("We couldn't find that page": a link of the app
//     that leads nowhere), the ErrorView of src/ui/status.rs (`section.empty-state[role=alert]`),
//     or an error line shown as the page loads (`.alert-error`, e.g. a list that failed to load).
// Two answers to a signed-out visitor on a member-only page are the app working, and are accepted
// signed out only: ErrorView's "Please log in" (AppError::Unauthorized, 401), and a redirect to
// /login?next=<that page>.
//
// To stay bounded it visits one page per kind of address (ids, numbers, usernames and slugs are
// replaced by placeholders; the query string is ignored), at most MAX_PAGES per crawl. Signed in,
// the member's own things (post, event, place, community, profile, mentor page, reading) are
// preferred to other people's (and visited even when another of the kind came first), so the
// owner's pages (edit, attendees, settings, channels) are reached the way their owner reaches
// them, whatever other tests left in the database. A link is clicked on the page the crawler is
// on when it is there (the tabs are on every page); otherwise the crawler goes back to the page
// where the link was found — by a link, a step back in the history, or loading it again.

const MAX_PAGES = 75;

/** Paths never followed: not pages of the app, or not safe to open (log out). */
function skipped(href: string): boolean {
  if (!href.startsWith("/") || href.startsWith("//") || href.includes("#")) return true;
  const path = href.split("?")[0];
  if (/^\/(api|media|pkg|icons|vendor|calendar)\//.test(path)) return true;
  if (/logout|log-out|sign-out/i.test(path)) return true;
  if (/\.(ics|csv|js|json|webmanifest|png|jpe?g|svg|webp|ico|xml|txt|wasm|css|html)$/i.test(path)) return true;
  return path === "/healthz";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A segment after one of these is a name or slug, not a fixed part of the address.
const NAMED = new Set(["members", "mentors", "c", "tags", "chakras", "cards", "invite", "t", "m"]);

/**
 * The kind of page an address is: `/members/ann/followers?after=x` → `/members/:name/followers`
 * (the query string only filters or pages the same page).
 */
function kindOf(href: string): string {
  const path = href.split("?")[0];
  const segments = path.split("/").map((s, i, all) => {
    if (UUID.test(s)) return ":id";
    if (/^\d+$/.test(s)) return ":n";
    if (i > 0 && NAMED.has(all[i - 1]) && s !== "") return ":name";
    return s;
  });
  return segments.join("/");
}

/** An address in one spelling (decoded, parameters sorted), to compare where we are with where we meant to go. */
function canonical(href: string): string {
  const url = new URL(href, "http://x");
  const params = [...url.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b));
  return url.pathname + (params.length ? `?${params.map(([k, v]) => `${k}=${v}`).join("&")}` : "");
}

/** Watches a page: responses ≥ 500, uncaught exceptions, console errors, requests in flight. */
function watch(page: Page) {
  const errors: string[] = [];
  const inflight = new Set<Request>();
  page.on("response", (res) => {
    if (res.status() >= 500) {
      const url = new URL(res.url());
      errors.push(`HTTP ${res.status()} for ${res.request().method()} ${url.pathname}${url.search}`);
    }
  });
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
      errors.push(`console error: ${msg.text().slice(0, 600)}`);
    }
  });
  page.on("pageerror", (err) => errors.push(`uncaught exception: ${err.message.slice(0, 600)}`));
  // Static files (the WASM chunks the app preloads, styles, icons) are not waited for; a failed
  // one is still reported, with the step during which its answer came.
  const data = (req: Request) => !/^\/(pkg|icons|vendor)\/|\.(js|css|png|svg|woff2?)$/.test(new URL(req.url()).pathname);
  page.on("request", (req) => {
    if (data(req)) inflight.add(req);
  });
  page.on("requestfinished", (req) => inflight.delete(req));
  page.on("requestfailed", (req) => inflight.delete(req));
  return {
    /** The errors seen since the last call. */
    take(): string[] {
      return errors.splice(0, errors.length);
    },
    /** Waits until no request has been in flight for a moment, and nothing says "Loading…". */
    async settle() {
      const deadline = Date.now() + 15_000;
      let quietSince = Date.now();
      while (Date.now() < deadline) {
        await page.waitForTimeout(25);
        if (inflight.size > 0) quietSince = Date.now();
        else if (Date.now() - quietSince >= 120) break;
      }
      if (inflight.size > 0 && process.env.CRAWL_LOG) {
        console.log(`  still in flight after 15s: ${[...inflight].map((r) => r.url()).join(", ")}`);
      }
      await page
        .locator("p.loading")
        .first()
        .waitFor({ state: "detached", timeout: 15_000 })
        .catch(() => errors.push(`still "Loading…" after 15s`));
    },
  };
}

/** The error views on the page now; `signedOut` accepts "Please log in" (see the top comment). */
async function errorViews(page: Page, signedOut: boolean): Promise<string[]> {
  return page.evaluate((signedOut) => {
    const clean = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
    const found: string[] = [];
    for (const view of Array.from(document.querySelectorAll("section.empty-state[role='alert']"))) {
      const title = clean(view.querySelector("h1")?.textContent);
      if (signedOut && title === "Please log in") continue;
      found.push(`error view "${title}": ${clean(view.textContent).slice(0, 300)}`);
    }
    for (const h1 of Array.from(document.querySelectorAll("h1"))) {
      if (clean(h1.textContent) === "We couldn't find that page") found.push(`not-found page: "${clean(h1.textContent)}"`);
    }
    for (const line of Array.from(document.querySelectorAll(".alert-error"))) {
      if (line.checkVisibility()) found.push(`error line: ${clean(line.textContent).slice(0, 300)}`);
    }
    return found;
  }, signedOut);
}

/**
 * The same-origin links a person can click on the page now: visible ones, and those in a closed
 * `<details>` (the phone's "More" sheet) whose summary is visible.
 */
async function links(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // checkVisibility: the content of a closed <details> has boxes in Chromium, but is not shown.
    const shown = (e: Element) => e.getClientRects().length > 0 && e.checkVisibility({ visibilityProperty: true });
    const out: string[] = [];
    for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>("a[href^='/']"))) {
      if ((a.target && a.target !== "_self") || a.hasAttribute("download")) continue;
      let reachable = shown(a);
      if (!reachable) {
        const summary = a.closest("details:not([open])")?.querySelector(":scope > summary");
        reachable = !!summary && shown(summary);
      }
      const href = a.getAttribute("href")!;
      if (reachable && !out.includes(href)) out.push(href);
    }
    return out;
  });
}

/** Clicks a link to `href` as a person would (opening the "More" sheet first when it is in there). */
async function clickLink(page: Page, href: string): Promise<boolean> {
  const where = await page.evaluate((href) => {
    document.querySelectorAll("[data-crawl]").forEach((e) => e.removeAttribute("data-crawl"));
    const shown = (e: Element) => e.getClientRects().length > 0 && e.checkVisibility({ visibilityProperty: true });
    const all = Array.from(document.querySelectorAll<HTMLAnchorElement>("a[href]")).filter(
      (a) => a.getAttribute("href") === href,
    );
    const visible = all.find(shown);
    if (visible) {
      visible.setAttribute("data-crawl", "link");
      return "visible";
    }
    for (const a of all) {
      const summary = a.closest("details:not([open])")?.querySelector(":scope > summary");
      if (summary && shown(summary)) {
        a.setAttribute("data-crawl", "link");
        summary.setAttribute("data-crawl", "summary");
        return "in a sheet";
      }
    }
    return "missing";
  }, href);
  if (where === "missing") return false;
  const link = page.locator("[data-crawl='link']");
  if (where === "in a sheet") {
    await page.locator("[data-crawl='summary']").click({ timeout: 10_000 });
    await expect(link).toBeVisible({ timeout: 5_000 });
  }
  await link.click({ timeout: 10_000 });
  return true;
}

type Visit = { path: string; from: string | null; kind: string; own: boolean };
type Tab = { page: Page; seen: ReturnType<typeof watch> };

/**
 * Crawls from the home page by clicking, then opens every page reached directly. Returns the
 * problems found (empty when all is well) and the pages visited.
 */
async function crawl(page: Page, label: string, signedOut: boolean, own: string[]) {
  const started = Date.now();
  const main: Tab = { page, seen: watch(page) };
  const problems: string[] = [];
  const visited: Visit[] = [];
  const kinds = new Map<string, Visit>(); // every kind found, queued or visited
  const queue: Visit[] = [];
  const notes: string[] = [];
  // The addresses of this page's in-app history since it was last loaded, so going back to a
  // page is a history step (as a person would do), not a reload.
  let trail: string[] = [];
  const log = (what: string) => {
    if (process.env.CRAWL_LOG) console.log(`${label} ${((Date.now() - started) / 1000).toFixed(1)}s: ${what}`);
  };
  const here = () => {
    const u = new URL(page.url());
    return canonical(u.pathname + u.search);
  };
  const isOwn = (href: string) => {
    const path = href.split("?")[0];
    return own.some((o) => path === o || path.startsWith(`${o}/`));
  };
  const check = async (where: string, tab = main) => {
    await tab.seen.settle();
    const found = [...tab.seen.take(), ...(await errorViews(tab.page, signedOut))];
    for (const e of found) problems.push(`${label}: ${where}: ${e}`);
  };
  const discover = async (from: string) => {
    for (const href of await links(page)) {
      if (skipped(href)) continue;
      const kind = kindOf(href);
      const mine = isOwn(href);
      const known = kinds.get(kind);
      if (!known) {
        const v = { path: href, from, kind, own: mine };
        kinds.set(kind, v);
        queue.push(v);
      } else if (mine && !known.own) {
        if (queue.includes(known)) {
          // Not visited yet: the member's own one instead.
          Object.assign(known, { path: href, from, own: true });
        } else if (!kinds.has(`own ${kind}`)) {
          const v = { path: href, from, kind: `own ${kind}`, own: true };
          kinds.set(v.kind, v);
          queue.push(v);
        }
      }
    }
  };
  /** Loads a page in a tab and checks it once hydrated. */
  const load = async (tab: Tab, path: string, why: string) => {
    log(`${why} ${path}`);
    const res = await tab.page.goto(path);
    if (res && res.status() >= 500) problems.push(`${label}: ${why} ${path}: HTTP ${res.status()}`);
    const failed = await tab.page
      .locator("body[data-hydrated='true']")
      .waitFor({ state: "attached", timeout: 30_000 })
      .then(() => null, () => `${label}: ${why} ${path}: the page did not hydrate in 30s`);
    await check(`${why} ${path}`, tab);
    if (failed) problems.push(failed);
    return !failed;
  };
  const loaded = new Set<string>(); // pages already opened directly (and checked) on the way
  const open = async (path: string, why: string) => {
    loaded.add(canonical(path));
    const ok = await load(main, path, why);
    trail = [here()];
    return ok;
  };
  /**
   * Back on `path`, as a person would get there: by a link of this page (a tab, say), by stepping
   * back through the history, or else by loading it again.
   */
  const returnTo = async (path: string, onPage: Set<string>) => {
    if (onPage.has(path) && (await clickLink(page, path).catch(() => false))) {
      log(`clicking back to ${path}`);
      const ok = await page.waitForURL((u) => canonical(u.pathname + u.search) === canonical(path), { timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (ok) {
        trail.push(here());
        await check(`clicking "${path}" to go back to it`);
        return true;
      }
    }
    const at = trail.lastIndexOf(canonical(path));
    if (at >= 0 && at < trail.length - 1) {
      log(`back to ${path}`);
      await page.evaluate((n) => window.history.go(-n), trail.length - 1 - at);
      const ok = await page.waitForURL((u) => canonical(u.pathname + u.search) === canonical(path), { timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (ok) {
        trail = trail.slice(0, at + 1);
        await check(`going back to ${path}`);
        return true;
      }
    }
    return open(path, "opening again");
  };

  // The home page, as it loads.
  const home: Visit = { path: "/", from: null, kind: "/", own: false };
  kinds.set("/", home);
  if (!(await open("/", "opening"))) return { problems, visited };
  visited.push(home);
  await discover(here());

  // Then one link at a time: a link of the page we are on when it has one still to follow
  // (the tabs are on every page), otherwise the next link, from the page it was found on.
  while (queue.length > 0 && visited.length < MAX_PAGES) {
    const current = here();
    const onPage = new Set(await links(page));
    const index = Math.max(0, queue.findIndex((v) => onPage.has(v.path)));
    const next = queue.splice(index, 1)[0];
    if (onPage.has(next.path)) next.from = current;
    else if (!(await returnTo(next.from!, onPage))) continue;
    const step = `clicking "${next.path}" on ${next.from}`;
    log(step);
    const before = here();
    const clicked = await clickLink(page, next.path).catch((e: Error) => {
      problems.push(`${label}: ${step}: the link could not be clicked: ${e.message.split("\n")[0]}`);
      return null;
    });
    if (clicked === null) continue;
    if (!clicked) {
      notes.push(`${next.path} (not found again on ${next.from})`);
      continue;
    }
    const moved = await page.waitForURL((u) => canonical(u.pathname + u.search) !== before, { timeout: 15_000 }).then(
      () => true,
      () => false,
    );
    if (!moved) {
      problems.push(`${label}: ${step}: nothing happened in 15s (still on ${before})`);
      continue;
    }
    await check(step);
    visited.push(next);
    const landed = here();
    trail.push(landed);
    if (landed === canonical(`/login?next=${next.path}`)) {
      // A member-only page sends a visitor to log in: the app working, when signed out.
      if (!signedOut) problems.push(`${label}: ${step}: sent to log in although signed in`);
      notes.push(`${next.path} (sent to log in)`);
      trail = []; // the redirect replaced a history entry: reload to go back
      continue;
    }
    if (landed !== canonical(next.path)) notes.push(`${next.path} (went on to ${landed})`);
    await discover(landed);
  }
  notes.push(...queue.map((v) => `${v.path} (over the limit of ${MAX_PAGES} pages)`));
  const clickedAt = Date.now();

  // Every page again, opened directly: server rendering and hydration of each (those opened
  // directly on the way back to a page were checked then). Two tabs at a time, to save time.
  const direct = visited.filter((v) => !loaded.has(canonical(v.path)));
  const other = await page.context().newPage();
  let at = 0;
  const work = async (tab: Tab) => {
    while (at < direct.length) await load(tab, direct[at++].path, "opening directly");
  };
  await Promise.all([work(main), work({ page: other, seen: watch(other) })]);
  await other.close();

  console.log(
    `${label}: ${visited.length} pages reached by clicking in ${Math.round((clickedAt - started) / 1000)}s, ` +
      `opened directly in ${Math.round((Date.now() - clickedAt) / 1000)}s\n` +
      visited.map((v) => `  ${v.path}${v.from ? ` ← ${v.from}` : ""}`).join("\n") +
      (notes.length ? `\n  notes: ${notes.join(", ")}` : ""),
  );
  return { problems, visited };
}

/** POSTs a server function from the member's page, as the app's forms do; returns its answer. */
async function call(page: Page, endpoint: string, form: Record<string, string>) {
  const res = await page.request.post(`/api/${endpoint}`, {
    headers: { Accept: "application/json", Origin: new URL(page.url()).origin },
    form,
  });
  expect(res.status(), `${endpoint}: ${await res.text()}`).toBe(200);
  return JSON.parse(await res.text());
}

function inDays(days: number, hour: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(hour)}:00`;
}

/**
 * A member (and moderator) who owns one of each thing the crawl should reach — a public community
 * (with its #general channel), a public post with a tag, an event, a place, a mentor profile, an
 * oracle reading — made through the app's own forms and endpoints. Returns their cookies and the
 * addresses of those things.
 */
async function seed(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const name = uniqueName("cr");
  await signUp(page, name);
  const community = await createCommunity(page, `Crawl circle ${name}`, "public");
  const tag = `crawl${name.slice(2, 10)}`;
  const post = await call(page, "feed/post/create", {
    body: `A slow morning walk along the river #${tag}`,
    visibility: "public",
    chakra: "",
  });
  const event = await call(page, "events/create", {
    "event[title]": `Crawl milonga ${name}`,
    "event[description]": "An evening of tango.",
    "event[event_type]": "milonga",
    "event[starts_local]": inDays(5, 20),
    "event[ends_local]": inDays(5, 23),
    "event[time_zone]": "Europe/Berlin",
    "event[mode]": "in_person",
    "event[city]": `Crawltown ${name}`,
    "event[tags]": tag,
  });
  // A moderator, so the moderation pages are part of the crawl too, and the place can be verified.
  makeModerator(name);
  const place = await call(page, "places/save", {
    id: "",
    "place[name]": `A crawl café ${name}`,
    "place[place_type]": "coffee",
    "place[latitude]": String(11 + Math.random()),
    "place[longitude]": String(-31 - Math.random()),
    "place[city]": `Crawltown ${name}`,
    "place[anxiety]": "low",
    "place[time_zone]": "UTC",
    "place[hours_mon]": "00:00-24:00",
  });
  await call(page, "mentors/save", {
    "mentor[title]": "Breathwork guide",
    "mentor[specializations]": "breathwork, calm",
    "mentor[bio]": "Slow breathing for busy people.",
    "mentor[mode]": "virtual",
    "mentor[place_id]": "",
    "mentor[available]": "on",
  });
  // Verified places are listed first (then by name), so this one is on the first page of the list.
  await call(page, "places/moderate", { id: place, action: "verify" });
  const reading = await call(page, "oracle/spread", { question: "What should I notice this week?" });
  const cookies = await context.cookies();
  await context.close();
  return {
    name,
    cookies,
    own: [
      community,
      `/posts/${post}`,
      `/events/${event}`,
      `/places/${place}`,
      `/members/${name}`,
      `/mentors/${name}`,
      `/oracle/readings/${reading}`,
    ],
  };
}

let owner: Awaited<ReturnType<typeof seed>>;

test.beforeAll(async ({ browser }, testInfo) => {
  // The phone layout is the harder one to walk (tabs plus the "More" sheet); the desktop side
  // bar holds the same links. One project keeps the suite's time in bounds.
  test.skip(testInfo.project.name !== "phone", "the crawl walks the phone layout");
  test.setTimeout(120_000);
  owner = await seed(browser);
});

// About a minute each on a 2-core machine with a debug build; the time limits leave room for a busy one.
test("signed out, every page is reached by clicking from the home page and opens directly, without errors", async ({ page }) => {
  test.setTimeout(300_000);
  // Other people's public things are as good as the member's here: no preference.
  const { problems } = await crawl(page, "signed out", true, []);
  expect(problems, problems.join("\n")).toEqual([]);
});

test("signed in, every page is reached by clicking from the home page and opens directly, without errors", async ({ page }) => {
  // About 75 kinds of page signed in (practice added a dozen): more room than signed out.
  test.setTimeout(480_000);
  await page.context().addCookies(owner.cookies);
  const { problems, visited } = await crawl(page, "signed in", false, owner.own);
  const reached = visited.map((v) => v.path);
  const missed = owner.own.filter((path) => !reached.includes(path)).map((path) => `signed in: ${path} was not reached by clicking`);
  expect([...problems, ...missed], [...problems, ...missed].join("\n")).toEqual([]);
});
