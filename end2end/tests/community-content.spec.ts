import { expect, test } from "@playwright/test";
import { createCommunity, hydrated, newMember, openComposer } from "./helpers";

// A private community's posts and events: written from its page, read by its members (also in
// their home feed), hidden from everyone else.

function inDays(days: number, hour: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(hour)}:00`;
}

test("a private community's posts and events reach its members and no one else", async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await newMember(browser, "qa");
  const b = await newMember(browser, "qb");
  const c = await newMember(browser, "qc");
  const name = `Dawn ${a.name}`;
  const home = await createCommunity(a.page, name, "private");

  // A writes to the community from its page; the post opens on its own page, naming the community.
  await expect(a.page.getByText("No posts yet. Write the first one.")).toBeVisible();
  await openComposer(a.page);
  await a.page.getByLabel("Your post").fill("Sunrise sit on Saturday, blankets provided");
  await a.page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(a.page).toHaveURL(/\/posts\/[0-9a-f-]{36}$/);
  const postUrl = new URL(a.page.url()).pathname;
  await expect(a.page.getByRole("link", { name, exact: true })).toBeVisible();

  // A adds a community event: the form arrives with the community chosen.
  await a.page.goto(home);
  await hydrated(a.page);
  await a.page.getByRole("link", { name: "New community event" }).click();
  await expect(a.page.getByRole("heading", { name: "New event" })).toBeVisible();
  await hydrated(a.page);
  await expect(a.page.getByLabel("Community", { exact: true })).toHaveValue(home.slice(3));
  await a.page.getByLabel("Title", { exact: true }).fill("Saturday sunrise sit");
  await a.page.getByLabel("Type", { exact: true }).selectOption("group_practice");
  await a.page.getByLabel("Starts", { exact: true }).fill(inDays(4, 6));
  await a.page.getByLabel("Ends", { exact: true }).fill(inDays(4, 7));
  await a.page.getByLabel("Time zone").fill("Europe/London");
  await a.page.getByLabel("City", { exact: true }).fill("London");
  await a.page.getByRole("button", { name: "Create event" }).click();
  await expect(a.page).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
  const eventUrl = new URL(a.page.url()).pathname;
  await expect(a.page.getByRole("link", { name, exact: true })).toBeVisible();

  // The community page brings both together.
  await a.page.goto(home);
  await hydrated(a.page);
  await expect(a.page.getByRole("region", { name: "Upcoming events" }).getByText("Saturday sunrise sit")).toBeVisible();
  await expect(a.page.getByRole("region", { name: "Posts" }).getByText("Sunrise sit on Saturday")).toBeVisible();

  // C, outside, sees neither: not on the page, not by address.
  await c.page.goto(home);
  await hydrated(c.page);
  await expect(c.page.getByText("Join to see this community's posts and events.")).toBeVisible();
  await c.page.goto(postUrl);
  await expect(c.page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await c.page.goto(eventUrl);
  await expect(c.page.getByRole("heading", { name: "Not found" })).toBeVisible();

  // B asks to join and A approves.
  await b.page.goto(home);
  await hydrated(b.page);
  await b.page.getByRole("button", { name: "Ask to join" }).click();
  await expect(b.page.getByText("Your request to join is waiting for a moderator.")).toBeVisible();
  await a.page.goto(`${home}/settings`);
  await hydrated(a.page);
  await a.page.getByRole("button", { name: `Approve ${b.name}` }).click();
  await expect(a.page.getByText("No pending requests.")).toBeVisible();

  // B now reads the post at home, and writes to the community from the home composer.
  await b.page.goto("/feed");
  await hydrated(b.page);
  await expect(b.page.getByText("Sunrise sit on Saturday")).toBeVisible();
  await openComposer(b.page);
  await b.page.getByLabel("Your post").fill("I'll bring tea for after the sit");
  await b.page.getByLabel("Who can see it").selectOption({ label: `Members of ${name}` });
  await b.page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(b.page).toHaveURL(/\/posts\/[0-9a-f-]{36}$/);
  await expect(b.page.getByRole("link", { name, exact: true })).toBeVisible();
  await b.page.goto(eventUrl);
  await expect(b.page.getByRole("heading", { name: "Saturday sunrise sit" })).toBeVisible();

  // Still nothing for C.
  await c.page.goto(home);
  await hydrated(c.page);
  await expect(c.page.getByText("I'll bring tea")).toHaveCount(0);
});
