import { APIRequestContext, Browser, expect, Page, test } from "@playwright/test";
import { hydrated, newMember, pngImage, signUp, uniqueName } from "./helpers";

/** Proposes a place through the same endpoint as the form; returns its id. */
async function propose(request: APIRequestContext, name: string, type: string, lat: number, lng: number, city: string) {
  const res = await request.post("/api/places/save", {
    headers: { Accept: "application/json", Origin: "http://127.0.0.1:3000" },
    form: {
      id: "",
      "place[name]": name,
      "place[place_type]": type,
      "place[latitude]": String(lat),
      "place[longitude]": String(lng),
      "place[city]": city,
      "place[anxiety]": "low",
      "place[time_zone]": "UTC",
      "place[hours_mon]": "00:00-24:00",
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return JSON.parse(await res.text()) as string;
}

function runKindred(args: string[]) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { execFileSync } = require("child_process") as typeof import("child_process");
  execFileSync(process.env.KINDRED_BIN!, args, { stdio: "pipe" });
}

test("the map and list show the same places; filters narrow both; check-ins grow the journey; staff redeem a reward once", async ({ browser }) => {
  test.setTimeout(240_000);
  const m = await newMember(browser, "pl");
  const staff = await newMember(browser, "ps");
  // A made-up town in the ocean, so only this test's places are in view.
  const city = `Calmtown ${m.name}`;
  const base = { lat: 10 + Math.random(), lng: -30 - Math.random() };
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const type = i < 6 ? "coffee" : "gym";
    ids.push(await propose(m.page.request, `Calm spot ${i} ${m.name}`, type, base.lat + i * 0.002, base.lng + i * 0.002, city));
  }
  runKindred(["partner", `Partner ${m.name}`, staff.name, ...ids]);

  // Every place is listed, and the map has a marker for each (even with no tiles offline).
  await m.page.goto(`/places?near=${encodeURIComponent(city)}`);
  await hydrated(m.page);
  const list = m.page.locator("#places-list > li");
  await expect(list).toHaveCount(10);
  const map = m.page.locator("#places-map");
  await expect(map).toHaveAttribute("data-ready", "true", { timeout: 20_000 });
  await expect(map).toHaveAttribute("data-marker-count", "10");

  // Filtering by type narrows both (the filters are open, since a city was searched).
  await m.page.getByLabel("Kind of place").selectOption("gym");
  await m.page.getByRole("button", { name: "Show places" }).click();
  await expect(list).toHaveCount(4);
  await expect(m.page.locator("#places-map")).toHaveAttribute("data-marker-count", "4");
  await expect(list.filter({ hasText: "Calm spot 0" })).toHaveCount(0);

  // Check in with a mood: streak 1 and progress on the journey.
  await list.first().getByRole("link").click();
  await expect(m.page).toHaveURL(/\/places\/[0-9a-f-]+$/);
  await hydrated(m.page);
  await m.page.getByLabel("Calm", { exact: true }).check();
  await m.page.getByLabel("A note (optional)").fill("Quiet morning, friendly staff.");
  await m.page.getByRole("button", { name: "Check in" }).click();
  await expect(m.page.getByText(/Checked in\. Streak: 1 day/)).toBeVisible();
  await expect(m.page.getByText("New reward: Welcome badge.")).toBeVisible();

  // Having visited, the member can review the place; the average shows.
  await m.page.getByLabel("4 stars").check();
  await m.page.getByLabel("Your review").fill("Calm and kind to beginners.");
  await m.page.getByRole("button", { name: "Post review" }).click();
  await expect(m.page.getByRole("heading", { name: "Reviews (1)" })).toBeVisible();
  await expect(m.page.getByText("4.0 out of 5 from 1 review")).toBeVisible();

  // The member proposed this place and it is not verified yet, so they can add a photo.
  await m.page.getByLabel("Add a photo").setInputFiles({ name: "spot.png", mimeType: "image/png", buffer: pngImage(800, 600) });
  await m.page.getByRole("button", { name: "Upload photo" }).click();
  await expect(m.page.getByRole("img", { name: /^Photo 1 of Calm spot/ })).toBeVisible();
  await m.page.goto("/journey");
  await expect(m.page.getByText("Current streak")).toBeVisible();
  await expect(m.page.locator("dd", { hasText: /^1 day$/ }).first()).toBeVisible();
  await expect(m.page.getByRole("progressbar")).toBeVisible();

  // Eight more check-ins elsewhere, then the tenth in the page: the gym day pass arrives.
  const done = new Set([m.page.url()]);
  for (const id of ids.slice(0, 9)) {
    const res = await m.page.request.post("/api/places/check-in", {
      headers: { Accept: "application/json", Origin: "http://127.0.0.1:3000" },
      form: { id, mood: "motivated" },
    });
    if (res.status() === 409) continue; // the one checked in above
    expect(res.status(), await res.text()).toBe(200);
  }
  await m.page.goto(`/places/${ids[9]}`);
  await hydrated(m.page);
  await m.page.getByLabel("Motivated", { exact: true }).check();
  await m.page.getByRole("button", { name: "Check in" }).click();
  await expect(m.page.getByText(/New reward: A day pass at a partner gym/)).toBeVisible();
  void done;

  // The journey shows the reward with its QR code and code.
  await m.page.goto("/journey");
  const reward = m.page.locator(".reward", { hasText: "A day pass at a partner gym" });
  await expect(reward.getByRole("img", { name: /QR code for/ })).toBeVisible();
  const code = (await reward.locator(".reward-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{20}$/);

  // Staff redeem it at their place; a second attempt is refused clearly.
  await staff.page.goto("/places/redeem");
  await hydrated(staff.page);
  await staff.page.getByLabel("Reward code").fill(code);
  await staff.page.getByRole("button", { name: "Redeem" }).click();
  await expect(staff.page.getByText(/Redeemed: A day pass at a partner gym for/)).toBeVisible();
  await staff.page.getByLabel("Reward code").fill(code);
  await staff.page.getByRole("button", { name: "Redeem" }).click();
  await expect(staff.page.getByRole("alert")).toContainText("already redeemed");

  // The member sees where and when.
  await m.page.goto("/journey");
  await expect(m.page.locator(".reward", { hasText: "A day pass at a partner gym" }).getByText(/Redeemed at Calm spot/)).toBeVisible();
});

test("places list and filters work without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/places");
  await expect(page.getByRole("heading", { name: "Places", level: 1 })).toBeVisible();
  await page.locator("summary", { hasText: "Search and filter" }).click();
  await page.getByLabel("Near a city").fill("Nowhere-at-all");
  await page.getByRole("button", { name: "Show places" }).click();
  await expect(page).toHaveURL(/near=Nowhere-at-all/);
  await expect(page.getByText("No places match.")).toBeVisible();
});

test("a review is refused before a visit, and mentors can be booked and reviewed after a session", async ({ browser }) => {
  test.setTimeout(120_000);
  const mentor = await newMember(browser, "mt");
  const member = await newMember(browser, "mm");
  const placeId = await propose(member.page.request, `Unvisited ${member.name}`, "coffee", 12, -31, `Nowhere ${member.name}`);
  await member.page.goto(`/places/${placeId}`);
  await expect(member.page.getByText("Reviews come from visits: check in here to review this place.")).toBeVisible();
  await expect(member.page.getByRole("button", { name: "Post review" })).toHaveCount(0);

  // The mentor offers sessions online.
  await mentor.page.goto("/settings/mentoring");
  await hydrated(mentor.page);
  await mentor.page.getByLabel("What you mentor").fill("Breathwork guide");
  await mentor.page.getByLabel("Specializations").fill("breathwork, calm");
  await mentor.page.getByLabel("How you meet").selectOption("virtual");
  await mentor.page.getByRole("button", { name: "Save mentoring" }).click();
  await expect(mentor.page).toHaveURL(new RegExp(`/mentors/${mentor.name}$`));

  // The member books; the mentor confirms and completes; the member reviews.
  await member.page.goto(`/mentors/${mentor.name}`);
  await hydrated(member.page);
  const when = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 16);
  await member.page.getByLabel("When (your time)").fill(when);
  await member.page.getByRole("button", { name: "Book session" }).click();
  await expect(member.page).toHaveURL(/\/sessions$/);
  await expect(member.page.getByText("Waiting for the mentor")).toBeVisible();
  await mentor.page.goto("/sessions");
  await hydrated(mentor.page);
  await mentor.page.getByRole("button", { name: "Confirm" }).click();
  await expect(mentor.page.getByText("Confirmed")).toBeVisible();
  await mentor.page.getByRole("button", { name: "Mark completed" }).click();
  await expect(mentor.page.getByText("Completed")).toBeVisible();
  await member.page.goto(`/mentors/${mentor.name}`);
  await hydrated(member.page);
  await member.page.getByLabel("5 stars").check();
  await member.page.getByRole("button", { name: "Post review" }).click();
  await expect(member.page.getByRole("heading", { name: "Reviews (1)" })).toBeVisible();
});
