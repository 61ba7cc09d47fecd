import { Browser, expect, Page } from "@playwright/test";

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

/** A new member signed up in their own phone-sized browser context (for tests with several people). */
export async function newMember(browser: Browser, prefix: string): Promise<{ page: Page; name: string }> {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const name = uniqueName(prefix);
  await signUp(page, name);
  return { page, name };
}

/** The main navigation (side bar on wide screens, tab bar on phones). */
export function nav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

/**
 * A link of the main navigation, as a person reaches it: on a phone the tab bar holds five
 * tabs and the rest sit behind "More", which is opened first when the link is not a tab.
 */
export async function navLink(page: Page, name: string) {
  const link = nav(page).getByRole("link", { name, exact: true });
  // Wait until the navigation lists the link at all (after signing in or out it is redrawn
  // once the session reloads), shown or folded away.
  await expect(nav(page).getByRole("link", { name, exact: true, includeHidden: true }).first()).toBeAttached();
  // That redraw also closes "More" again: open it until the link stays in view.
  await expect(async () => {
    if (!(await link.isVisible())) {
      await nav(page).getByText("More", { exact: true }).click({ timeout: 2_000 });
    }
    await expect(link).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  return link;
}

/** A real PNG image (a colour gradient), built in memory: no binary fixtures in the repository. */
export function pngImage(width: number, height: number): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const zlib = require("zlib") as typeof import("zlib");
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      rows[row + 1 + x * 3] = (x * 255) / width;
      rows[row + 2 + x * 3] = (y * 255) / height;
      rows[row + 3 + x * 3] = 160;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Makes a member a moderator through the `kindred set-role` command (as an admin would). */
export function makeModerator(username: string) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { execFileSync } = require("child_process") as typeof import("child_process");
  const bin = process.env.KINDRED_BIN;
  if (!bin) throw new Error("KINDRED_BIN must name the kindred binary (scripts/test.sh sets it)");
  execFileSync(bin, ["set-role", username, "moderator"], { stdio: "pipe" });
}

/** Creates a community through the communities page; returns its path, /c/<slug>. */
export async function createCommunity(page: Page, name: string, visibility: "public" | "private" | "invite") {
  await page.goto("/communities");
  await hydrated(page);
  await page.getByLabel("Community name").fill(name);
  await page.getByLabel("Who can join").selectOption(visibility);
  await page.getByRole("button", { name: "Create community" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname;
}

/**
 * Opens the post composer: on the feed and a community's page it is folded into one line
 * ("Share with your people…") until tapped, so a post is visible on a phone's first screen.
 */
export async function openComposer(page: Page) {
  const body = page.getByLabel("Your post");
  const fold = page.locator("details.composer-fold > summary").first();
  await expect(body.or(fold).first()).toBeVisible();
  if (!(await body.isVisible())) {
    await fold.click();
  }
  await expect(body).toBeVisible();
}

/** Runs one SQL statement on the test database (scripts/test.sh exports DATABASE_URL): for
 *  moving an event into the past, which no page can do. */
export function sql(statement: string) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { execFileSync } = require("child_process") as typeof import("child_process");
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL must name the test database (scripts/test.sh sets it)");
  execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-qc", statement], { stdio: "pipe" });
}
