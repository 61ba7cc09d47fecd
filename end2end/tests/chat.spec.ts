import { Browser, expect, Page, test } from "@playwright/test";
import { createCommunity, hydrated, nav, newMember, signUp, uniqueName } from "./helpers";

// Communities and live chat between two or three people, each in their own browser context.

async function live(page: Page) {
  await hydrated(page);
  await expect(page.locator("html[data-live='true']")).toHaveCount(1, { timeout: 15_000 });
}

/** A message's text in the channel's log (not the edit box that holds a copy of one's own). */
function said(page: Page, text: string) {
  return page.getByRole("log", { name: "Messages" }).getByRole("paragraph").filter({ hasText: text });
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

test("invites, a refused outsider, unread badges, a direct conversation and a removal that takes effect live", async ({ browser }) => {
  // Three members and a dozen pages: more than the default minute on a slow debug build.
  test.setTimeout(150_000);
  const a = await newMember(browser, "ia");
  const b = await newMember(browser, "ib");
  const c = await newMember(browser, "ic");
  const home = await createCommunity(a.page, `Circle ${a.name}`, "invite");
  const general = await a.page.getByRole("link", { name: /^#general/ }).getAttribute("href");
  expect(general).toMatch(/^\/chat\//);

  // A makes a channel and an invite link on the settings page.
  await a.page.goto(`${home}/settings`);
  await hydrated(a.page);
  await a.page.getByLabel("Channel name").fill("Practice Notes");
  await a.page.getByLabel("Topic", { exact: true }).fill("What we worked on");
  await a.page.getByRole("button", { name: "Create channel" }).click();
  await expect(a.page.getByText("#practice-notes — What we worked on").first()).toBeVisible();
  await a.page.getByLabel("Expires after").selectOption("24");
  await a.page.getByLabel("Maximum uses").fill("5");
  await a.page.getByRole("button", { name: "Create invite link" }).click();
  const link = a.page.locator('a[href^="/invite/"]').first();
  await expect(link).toBeVisible();
  const invite = (await link.getAttribute("href"))!;

  // B accepts it; C, without one, cannot join nor open the channel.
  await b.page.goto(invite);
  await hydrated(b.page);
  await b.page.getByRole("button", { name: "Accept invite" }).click();
  await expect(b.page).toHaveURL(new RegExp(`${home}$`));
  await expect(b.page.getByRole("link", { name: /^#general/ })).toBeVisible();
  await expect(b.page.getByRole("link", { name: /^#practice-notes/ })).toBeVisible();
  await c.page.goto(home);
  await expect(c.page.getByText("This community is invite only.")).toBeVisible();
  await expect(c.page.getByRole("link", { name: /^#general/ })).toHaveCount(0);
  const refused = await c.page.goto(general!);
  expect(refused!.status()).toBe(403);
  await expect(c.page.getByRole("heading", { name: "Not allowed" })).toBeVisible();

  // B is elsewhere; A writes in #general: B's Chat tab shows an unread message, live.
  await b.page.goto("/events");
  await live(b.page);
  await a.page.goto(general!);
  await live(a.page);
  await a.page.getByLabel("Message #general").fill("Welcome to the circle");
  await a.page.getByRole("button", { name: "Send" }).click();
  await expect(said(a.page, "Welcome to the circle")).toBeVisible();
  await expect(nav(b.page).getByRole("link", { name: "Chat, 1 unread" })).toBeVisible({ timeout: 5_000 });

  // Reading it clears the badge.
  await nav(b.page).getByRole("link", { name: "Chat, 1 unread" }).click();
  await b.page.getByRole("link", { name: /#general/ }).click();
  await expect(said(b.page, "Welcome to the circle")).toBeVisible();
  await expect(nav(b.page).getByRole("link", { name: "Chat", exact: true })).toBeVisible({ timeout: 5_000 });

  // A direct conversation between A and B.
  await a.page.goto("/chat");
  await hydrated(a.page);
  await a.page.getByLabel("Usernames").fill(b.name);
  await a.page.getByRole("button", { name: "Start conversation" }).click();
  await expect(a.page.getByRole("heading", { level: 1, name: b.name })).toBeVisible();
  await live(a.page);
  await a.page.getByLabel(`Message ${b.name}`).fill("Just between us: lovely first practica");
  await a.page.getByLabel(`Message ${b.name}`).press("Enter");
  // Sent (and stored) before B looks.
  await expect(said(a.page, "Just between us: lovely first practica")).toBeVisible();
  await b.page.goto("/chat");
  await hydrated(b.page);
  await b.page.getByRole("link", { name: new RegExp(`Conversation with ${a.name}, 1 unread`) }).click();
  await expect(said(b.page, "Just between us: lovely first practica")).toBeVisible();
  // C cannot read it.
  const dm = new URL(b.page.url()).pathname;
  expect((await c.page.goto(dm))!.status()).toBe(403);

  // B is reading #general when A removes them: B's page loses access without a reload.
  await b.page.goto(general!);
  await live(b.page);
  await expect(b.page.getByRole("log", { name: "Messages" })).toBeVisible();
  await a.page.goto(`${home}/members`);
  await hydrated(a.page);
  await a.page.getByRole("button", { name: `Remove ${b.name}` }).click();
  await expect(b.page.getByRole("heading", { name: "Not allowed" })).toBeVisible({ timeout: 5_000 });
});

test("a private community: ask to join, be approved, then search and delete in a channel", async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await newMember(browser, "pa");
  const b = await newMember(browser, "pb");
  const home = await createCommunity(a.page, `Quiet ${a.name}`, "private");

  // B asks with a note; the channels stay hidden meanwhile.
  await b.page.goto(home);
  await hydrated(b.page);
  await b.page.getByLabel("A note for the moderators (optional)").fill("I sit every morning");
  await b.page.getByRole("button", { name: "Ask to join" }).click();
  await expect(b.page.getByText("Your request to join is waiting for a moderator.")).toBeVisible();
  await expect(b.page.getByRole("link", { name: /^#general/ })).toHaveCount(0);

  // A approves it on the settings page.
  await a.page.goto(`${home}/settings`);
  await hydrated(a.page);
  await expect(a.page.getByText("I sit every morning")).toBeVisible();
  await a.page.getByRole("button", { name: `Approve ${b.name}` }).click();
  await expect(a.page.getByText("No pending requests.")).toBeVisible();

  // B is in: writes, finds the message by search, and deletes it.
  await b.page.goto(home);
  await hydrated(b.page);
  await b.page.getByRole("link", { name: /^#general/ }).click();
  await live(b.page);
  await b.page.getByLabel("Message #general").fill("Morning sit at seven");
  await b.page.getByRole("button", { name: "Send" }).click();
  await expect(said(b.page, "Morning sit at seven")).toBeVisible();
  await b.page.locator("summary", { hasText: "Search" }).click();
  await b.page.getByLabel("Search this channel").fill("seven");
  await b.page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(b.page.getByRole("heading", { name: "1 result for “seven”" })).toBeVisible();
  const mine = b.page.getByRole("log", { name: "Messages" }).getByRole("listitem").filter({ hasText: "Morning sit at seven" });
  await mine.getByRole("button", { name: "Delete message" }).click();
  await expect(b.page.getByText("This message was deleted.")).toBeVisible();
});
