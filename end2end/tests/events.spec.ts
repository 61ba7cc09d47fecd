import { Browser, expect, Page, test } from "@playwright/test";
import * as fs from "fs";
import { hydrated, nav, signUp, uniqueName } from "./helpers";

async function newMember(browser: Browser, prefix: string): Promise<{ page: Page; name: string }> {
  const context = await browser.newContext({
    viewport: { width: 412, height: 915 },
    isMobile: true,
    hasTouch: true,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const name = uniqueName(prefix);
  await signUp(page, name);
  return { page, name };
}

/** `YYYY-MM-DDTHH:MM` for a day `days` from now at `hour`:00 (a wall-clock time in the event's zone). */
function localInput(days: number, hour: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(hour)}:00`;
}

test("an organiser runs a full milonga: waitlist, promotion, .ics, cancellation and filters", async ({ browser }) => {
  test.setTimeout(180_000);
  const org = await newMember(browser, "eo");
  const a = await newMember(browser, "ea");
  const b = await newMember(browser, "eb");
  const city = `Villa ${uniqueName("c")}`;
  const title = `Milonga ${org.name}`;

  // The organiser creates a milonga with room for one.
  await nav(org.page).getByRole("link", { name: "Events" }).click();
  await hydrated(org.page);
  await org.page.getByRole("link", { name: "New event" }).click();
  await expect(org.page.getByRole("heading", { name: "New event" })).toBeVisible();
  await hydrated(org.page);
  // A mistake first: the error sits next to the field and what was typed stays.
  await org.page.getByLabel("Title", { exact: true }).fill(title);
  await org.page.getByRole("button", { name: "Create event" }).click();
  await expect(org.page.getByText("Choose a type.")).toBeVisible();
  await expect(org.page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await org.page.getByLabel("Type", { exact: true }).selectOption("milonga");
  await org.page.getByLabel("Starts", { exact: true }).fill(localInput(3, 21));
  await org.page.getByLabel("Ends", { exact: true }).fill(localInput(4, 1));
  await org.page.getByLabel("Time zone").fill("Europe/Berlin");
  await org.page.getByLabel("Venue", { exact: true }).fill("Salón Kindred");
  await org.page.getByLabel("City", { exact: true }).fill(city);
  await org.page.getByLabel("Capacity", { exact: true }).fill("1");
  await org.page.getByRole("button", { name: "Create event" }).click();
  await expect(org.page).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
  const eventUrl = new URL(org.page.url()).pathname;
  await expect(org.page.getByRole("heading", { name: title })).toBeVisible();
  await expect(org.page.getByText("0 of 1 going")).toBeVisible();

  // A goes.
  await a.page.goto(eventUrl);
  await hydrated(a.page);
  await a.page.getByRole("button", { name: "Going", exact: true }).click();
  await expect(a.page.getByText("You're going.")).toBeVisible();

  // B finds it full and joins the waitlist at position 1.
  await b.page.goto(eventUrl);
  await hydrated(b.page);
  await expect(b.page.getByText("1 of 1 going")).toBeVisible();
  await b.page.getByRole("button", { name: "Join the waitlist" }).click();
  await expect(b.page.getByText("You're number 1 on the waitlist.")).toBeVisible();

  // The organiser sees both on the attendee list.
  await org.page.goto(`${eventUrl}/attendees`);
  await expect(org.page.getByRole("cell", { name: "Waitlist #1" })).toBeVisible();
  await expect(org.page.getByRole("link", { name: "Export CSV" })).toBeVisible();

  // A withdraws; B is promoted and told.
  await a.page.getByRole("button", { name: "Withdraw my answer" }).click();
  await expect(a.page.getByText("You haven't answered yet.")).toBeVisible();
  await b.page.reload();
  await hydrated(b.page);
  await expect(b.page.getByText("You're going.")).toBeVisible();
  await b.page.getByRole("link", { name: /Notifications, \d+ unread/ }).click();
  await expect(b.page.getByRole("button", { name: new RegExp(`A place opened up: you're going to ${title}`) })).toBeVisible();

  // The .ics downloads and is a calendar with this event.
  await b.page.goto(eventUrl);
  await hydrated(b.page);
  const [download] = await Promise.all([
    b.page.waitForEvent("download"),
    b.page.getByRole("link", { name: "Add to calendar (.ics)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("event.ics");
  const ics = fs.readFileSync(await download.path(), "utf8");
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics.replace(/\r\n /g, "")).toContain(`SUMMARY:${title}`);

  // The organiser cancels; both members see it cancelled.
  await org.page.goto(`${eventUrl}/edit`);
  await hydrated(org.page);
  await org.page.getByRole("button", { name: "Cancel event" }).click();
  await expect(org.page).toHaveURL(new RegExp(`${eventUrl}$`));
  await expect(org.page.getByText("This event was cancelled.")).toBeVisible();
  for (const m of [a, b]) {
    await m.page.goto(eventUrl);
    await expect(m.page.getByText("This event was cancelled.")).toBeVisible();
    await expect(m.page.getByText("Answers are closed: the event was cancelled.")).toBeVisible();
  }

  // Filters narrow the list: the city finds it; a different type does not.
  await a.page.goto("/events");
  await hydrated(a.page);
  await a.page.getByText("Filter events").click();
  await a.page.getByLabel("City", { exact: true }).fill(city);
  await a.page.getByRole("button", { name: "Apply filters" }).click();
  await expect(a.page).toHaveURL(/city=/);
  await expect(a.page.getByRole("link", { name: title })).toBeVisible();
  await expect(a.page.locator(".event-card")).toHaveCount(1);
  await a.page.getByLabel("Type", { exact: true }).selectOption("festival");
  await a.page.getByRole("button", { name: "Apply filters" }).click();
  await expect(a.page.getByText("No events match these filters.")).toBeVisible();

  // The month calendar lists it on its day.
  await a.page.goto(`/events/calendar?city=${encodeURIComponent(city)}&month=${localInput(3, 21).slice(0, 7)}`);
  await expect(a.page.getByRole("link", { name: new RegExp(title) })).toBeVisible();
});
