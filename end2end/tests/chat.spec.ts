import { Browser, expect, Page, test } from "@playwright/test";
import { hydrated, nav, signUp, uniqueName } from "./helpers";

// Communities and live chat between two or three people, each in their own browser context.

async function newMember(browser: Browser, prefix: string): Promise<{ page: Page; name: string }> {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const name = uniqueName(prefix);
  await signUp(page, name);
  return { page, name };
}

async function live(page: Page) {
  await hydrated(page);
  await expect(page.locator("html[data-live='true']")).toHaveCount(1, { timeout: 15_000 });
}

async function createCommunity(page: Page, name: string, visibility: "public" | "private" | "invite") {
  await page.goto("/communities");
  await hydrated(page);
  await page.getByLabel("Community name").fill(name);
  await page.getByLabel("Who can join").selectOption(visibility);
  await page.getByRole("button", { name: "Create community" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname; // /c/<slug>
}

test("two members chat live: messages, reactions and typing, without reloading", async ({ browser }) => {
  const a = await newMember(browser, "ca");
  const b = await newMember(browser, "cb");
  const home = await createCommunity(a.page, `Milonga ${a.name}`, "public");

  // B finds it and joins.
  await b.page.goto(home);
  await hydrated(b.page);
  await b.page.getByRole("button", { name: "Join community" }).click();
  await expect(b.page.getByRole("button", { name: "Leave community" })).toBeVisible();

  // Both open #general.
  for (const p of [a.page, b.page]) {
    await p.goto(home);
    await hydrated(p);
    await p.getByRole("link", { name: /^#general/ }).click();
    await expect(p.getByRole("heading", { level: 1, name: "#general" })).toBeVisible();
    await live(p);
  }
  const marker = await b.page.evaluate(() => ((window as unknown as { kindredMarker: number }).kindredMarker = 7));

  // A types: B sees it.
  await a.page.getByLabel("Message #general").fill("Who is coming tonight");
  await expect(b.page.getByText(`${a.name} is typing…`)).toBeVisible({ timeout: 5_000 });

  // A sends: B sees it within 2 seconds, with no reload.
  await a.page.getByLabel("Message #general").press("Enter");
  await expect(a.page.getByLabel("Message #general")).toHaveValue("");
  const log = b.page.getByRole("log", { name: "Messages" });
  await expect(log.getByText("Who is coming tonight")).toBeVisible({ timeout: 2_000 });
  await expect(b.page.getByText(`${a.name} is typing…`)).toHaveCount(0);

  // B reacts; A sees the reaction.
  const message = log.getByRole("listitem").filter({ hasText: "Who is coming tonight" });
  await message.getByText("React", { exact: true }).click();
  await message.getByRole("button", { name: "React with 🙏" }).click();
  await expect(message.getByRole("button", { name: /🙏 1 — remove your reaction/ })).toBeVisible();
  const aMessage = a.page.getByRole("log", { name: "Messages" }).getByRole("listitem").filter({ hasText: "Who is coming tonight" });
  await expect(aMessage.getByRole("button", { name: /🙏 1 — react too/ })).toBeVisible({ timeout: 5_000 });

  // B replies; the quote shows for A.
  await message.getByRole("link", { name: "Reply" }).click();
  await expect(b.page.getByText(/Replying to .*Who is coming tonight/)).toBeVisible();
  await b.page.getByLabel("Message #general").fill("Me! Bringing shoes");
  await b.page.getByRole("button", { name: "Send" }).click();
  const reply = a.page.getByRole("log", { name: "Messages" }).getByRole("listitem").filter({ hasText: "Me! Bringing shoes" });
  await expect(reply.getByText("Who is coming tonight")).toBeVisible({ timeout: 5_000 });

  // A edits their message; B sees the edit.
  await aMessage.getByText("Edit", { exact: true }).click();
  await aMessage.getByLabel("Edit message").fill("Who is coming tonight? 21:00");
  await aMessage.getByRole("button", { name: "Save edit" }).click();
  await expect(log.getByText("Who is coming tonight? 21:00")).toBeVisible({ timeout: 5_000 });
  await expect(log.getByText("(edited)")).toBeVisible();

  expect(await b.page.evaluate(() => (window as unknown as { kindredMarker?: number }).kindredMarker)).toBe(marker);
});
