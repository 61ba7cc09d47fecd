import { expect, Page, test } from "@playwright/test";
import { PASSWORD, hydrated, makeModerator, navLink, newMember, sql, uniqueName } from "./helpers";

test("library → a locked technique says what is missing → a timed session with a check-in → an achievement notification", async ({ browser }) => {
  test.setTimeout(180_000);
  const { page } = await newMember(browser, "pr");
  await page.goto("/");
  await hydrated(page);
  await (await navLink(page, "Practice")).click();
  await expect(page.getByRole("heading", { name: "Practice", level: 1 })).toBeVisible();
  await expect(page.getByText("Where would you like to start?")).toBeVisible();

  // The locked techniques, through the filter form.
  await page.getByText("Search and filter").click();
  await page.getByLabel("Show").selectOption("locked");
  await page.getByRole("button", { name: "Show techniques" }).click();
  await expect(page).toHaveURL(/status=locked/);
  await page.getByRole("link", { name: "Box breathing" }).click();
  await expect(page.getByRole("heading", { name: "Box breathing", level: 1 })).toBeVisible();
  await expect(page.getByText("practise Grounding breath 3 more times")).toBeVisible();

  // Its prerequisite, with a timer started five minutes ago: the timer lives in the browser, so a
  // reload (or a phone that slept) finds it still running.
  await page.getByRole("link", { name: "Grounding breath" }).first().click();
  await expect(page.getByRole("heading", { name: "Grounding breath", level: 1 })).toBeVisible();
  await page.evaluate(() =>
    localStorage.setItem(
      "kindred.timer.grounding-breath",
      JSON.stringify({ started_ms: Date.now() - 5 * 60_000 - 2_000, paused_total_ms: 0, paused_at_ms: null }),
    ),
  );
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("timer")).toHaveText(/^05:\d\d$/);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByText("Paused.")).toBeVisible();
  await page.getByRole("button", { name: "Resume" }).click();
  await page.getByRole("button", { name: "Finish" }).click();

  const form = page.getByRole("form", { name: "Save this session" });
  await expect(form.getByText(/You practised 5 min/)).toBeVisible();
  await form.getByLabel("Good").check();
  await form.getByLabel("Mood before (1–10)").fill("4");
  await form.getByLabel("Mood after (1–10)").fill("11");
  await form.getByRole("button", { name: "Save session" }).click();
  await expect(form.getByText("Mood after: choose a number from 1 to 10.")).toBeVisible();
  await expect(form.getByLabel("Mood before (1–10)")).toHaveValue("4");
  await form.getByLabel("Mood after (1–10)").fill("8");
  await form.getByRole("button", { name: "Save session" }).click();
  const saved = page.getByRole("status").filter({ hasText: "Saved: +10 XP in Breath" });
  await expect(saved).toBeVisible();
  await expect(saved).toContainText("Checked in: a 1-day streak.");
  await expect(saved).toContainText("Achievement earned: First step");
  // The timer is cleared once the session is saved.
  expect(await page.evaluate(() => localStorage.getItem("kindred.timer.grounding-breath"))).toBeNull();

  await page.goto("/notifications");
  await expect(page.getByText("Achievement earned: First step")).toBeVisible();

  await page.goto("/practice/me");
  await expect(page.getByText("You have checked in today.")).toBeVisible();
  await expect(page.getByRole("img", { name: /Mood over the last 1 check-ins: on average 4.0 before practice and 8.0 after/ })).toBeVisible();
  await expect(page.locator(".session-row").first()).toContainText("Grounding breath");
  await page.getByRole("link", { name: /of \d+/ }).click();
  await expect(page.getByRole("heading", { name: "Achievements", level: 1 })).toBeVisible();
  await expect(page.locator(".achievement.earned")).toContainText("First step");
});

test("a check-in on its own, with its errors beside the fields", async ({ browser }) => {
  const { page } = await newMember(browser, "pc");
  await page.goto("/practice/me");
  await hydrated(page);
  const form = page.getByRole("form", { name: "Today's check-in" });
  await form.getByLabel("Mood before practice (1–10)").fill("0");
  await form.getByLabel("Mood after (1–10)").fill("6");
  await form.getByRole("button", { name: "Check in" }).click();
  await expect(form.getByText("Mood before: choose a number from 1 to 10.")).toBeVisible();
  await form.getByLabel("Mood before practice (1–10)").fill("3");
  await form.getByLabel("What did you practise?").selectOption({ label: "Rooted standing" });
  await form.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByText("You have checked in today. See you tomorrow.")).toBeVisible();
  await expect(page.locator(".day-strip .checked")).toHaveCount(1);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("logging a session by hand", async ({ page }) => {
    const name = uniqueName("pj");
    const res = await page.request.post("/api/auth/signup", {
      headers: { Accept: "application/json", Origin: "http://127.0.0.1:3000" },
      form: { email: `${name}@example.org`, username: name, display_name: name, password: PASSWORD },
    });
    expect(res.status(), await res.text()).toBe(200);
    await page.goto("/practice/t/rooted-standing");
    await expect(page.getByRole("heading", { name: "Rooted standing", level: 1 })).toBeVisible();
    // The timer needs the app; the log form does not.
    await expect(page.getByRole("button", { name: "Start session" })).toBeHidden();
    await page.getByText("Log a session you already did").click();
    const form = page.getByRole("form", { name: "Log a session" });
    const start = new Date(Date.now() - 3 * 3600_000).toISOString().slice(0, 16);
    await form.getByLabel("Started at").fill(start);
    await form.getByLabel("Minutes").fill("15");
    await form.getByLabel("Count this as today's check-in").uncheck();
    await form.getByRole("button", { name: "Save session" }).click();
    await page.goto("/practice/me");
    await expect(page.locator(".session-row").first()).toContainText("Rooted standing");
    await expect(page.locator(".session-row").first()).toContainText("15 min");
  });
});

const ORIGIN = { Accept: "application/json", Origin: "http://127.0.0.1:3000" };

/** Logs a session through the same endpoint as the form, ending an hour before now minus `daysAgo` days. */
async function logSession(page: Page, technique: string, daysAgo: number, minutes: number) {
  const end = Date.now() - daysAgo * 86_400_000 - 3_600_000;
  const res = await page.request.post("/api/practice/session", {
    headers: ORIGIN,
    form: {
      "session[technique]": technique,
      "session[started_at]": new Date(end - minutes * 60_000).toISOString(),
      "session[seconds]": String(minutes * 60),
    },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test("privacy, a leaderboard that changes after a session, and a peer who validates it", async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await newMember(browser, "pa");
  // Ana shows her sessions to everyone and joins the leaderboards, through the settings page.
  await a.page.goto("/settings/privacy");
  await hydrated(a.page);
  const privacy = a.page.getByRole("form", { name: "Privacy" });
  await privacy.getByLabel("Everyone", { exact: true }).check();
  await privacy.getByLabel(/Show me on practice leaderboards/).check();
  await privacy.getByRole("button", { name: "Save privacy" }).click();
  await expect(privacy.getByText("Saved.")).toBeVisible();

  await a.page.goto("/practice/leaderboards");
  await expect(a.page.getByText("You are not on this board yet: practise to appear on it.")).toBeVisible();
  await logSession(a.page, "axis-walk", 0, 25);
  await a.page.reload();
  await expect(a.page.getByText("You are number 1, with 25 minutes.")).toBeVisible();
  await expect(a.page.getByRole("row", { name: new RegExp(a.name) })).toContainText("25");

  // Ben has practised enough of his own to validate others.
  const b = await newMember(browser, "pb");
  for (let d = 1; d <= 5; d++) await logSession(b.page, "rooted-standing", d, 10);
  await b.page.goto(`/practice/m/${a.name}`);
  await hydrated(b.page);
  const form = b.page.getByRole("form", { name: /^Validate Axis walk/ });
  await form.getByLabel("Inspiring").check();
  await form.getByLabel("A word of encouragement (optional)").fill("Lovely steady walk.");
  await form.getByRole("button", { name: "Validate" }).click();
  await expect(b.page.getByText("Validated by 1 member · you found it inspiring")).toBeVisible();

  await a.page.goto("/notifications");
  await expect(a.page.getByText(/found your session inspiring/)).toBeVisible();
});

test("three reviewers verify a technique opened through its whole chain", async ({ browser }) => {
  test.setTimeout(240_000);
  const learner = await newMember(browser, "pv");
  // The energy chain, each session on its own day (sessions can be logged 30 days back): energy
  // scan, hands awareness, centre breathing, then the circuit that needs verification.
  let day = 20;
  for (let i = 0; i < 3; i++) await logSession(learner.page, "energy-scan", day--, 60);
  for (let i = 0; i < 4; i++) await logSession(learner.page, "hands-awareness", day--, 60);
  for (let i = 0; i < 7; i++) await logSession(learner.page, "centre-breathing", day--, 60);
  for (let i = 0; i < 3; i++) await logSession(learner.page, "microcosmic-circuit", day--, 30);

  await learner.page.goto("/practice/t/microcosmic-circuit");
  await hydrated(learner.page);
  const ask = learner.page.getByRole("form", { name: "Ask for verification" });
  const answers = ask.getByRole("textbox");
  const n = await answers.count();
  expect(n).toBe(3);
  for (let i = 0; i < n; i++) await answers.nth(i).fill(`From my practice, answer ${i + 1}: warmth rising along the back.`);
  await ask.getByLabel("Keep my name from the reviewers").check();
  await ask.getByRole("button", { name: "Ask for verification" }).click();
  await expect(learner.page.getByText(/Your request is waiting for reviews: 0 authentic/)).toBeVisible();

  for (let r = 0; r < 3; r++) {
    const reviewer = await newMember(browser, `pr${r}`);
    makeModerator(reviewer.name);
    await reviewer.page.goto("/practice/reviews");
    await hydrated(reviewer.page);
    const item = reviewer.page.locator(".review-item").filter({ hasText: "Microcosmic" }).first();
    await expect(item).toContainText("A member (anonymous)");
    await item.getByLabel("Authentic", { exact: true }).check();
    await item.getByRole("button", { name: "Send review" }).click();
    await expect(reviewer.page.getByText("Nothing to review.")).toBeVisible();
  }
  await learner.page.reload();
  await expect(learner.page.getByText("Your mastery is verified by your peers. ✓")).toBeVisible();
  await expect(learner.page.getByText(/mastery 5\/5 · verified/)).toBeVisible();
});

test("a moderator starts a challenge; its leaderboard changes after a session", async ({ browser }) => {
  test.setTimeout(180_000);
  const mod = await newMember(browser, "pm");
  makeModerator(mod.name);
  const today = new Date();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const title = `Breath week ${mod.name}`;
  await mod.page.goto("/practice/challenges/new");
  await hydrated(mod.page);
  const form = mod.page.getByRole("form", { name: "New challenge" });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Starts on").fill(iso(new Date(today.getTime() - 86_400_000)));
  await form.getByLabel("Ends on").fill(iso(new Date(today.getTime() - 2 * 86_400_000)));
  await form.getByLabel("Counts").selectOption("minutes");
  await form.getByLabel("Goal").fill("30");
  await form.getByLabel("In a category").selectOption({ label: "Breath" });
  await form.getByRole("button", { name: "Create challenge" }).click();
  await expect(form.getByText("A challenge can't end in the past.")).toBeVisible();
  await expect(form.getByLabel("Title")).toHaveValue(title);
  await form.getByLabel("Ends on").fill(iso(new Date(today.getTime() + 7 * 86_400_000)));
  await form.getByRole("button", { name: "Create challenge" }).click();
  await expect(mod.page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  const url = mod.page.url();

  const m = await newMember(browser, "pj");
  await m.page.goto(url);
  await hydrated(m.page);
  await m.page.getByRole("button", { name: "Join the challenge" }).click();
  await expect(m.page.getByText("Your progress: 0 of 30 minutes · number 1")).toBeVisible();
  await logSession(m.page, "grounding-breath", 0, 20);
  await m.page.reload();
  await expect(m.page.getByText("Your progress: 20 of 30 minutes · number 1")).toBeVisible();
  await expect(m.page.getByRole("row", { name: new RegExp(m.name) })).toContainText("20");
  await logSession(m.page, "grounding-breath", 1, 15);
  await m.page.reload();
  await expect(m.page.getByText(/Completed on/)).toBeVisible();
  await m.page.goto("/notifications");
  await expect(m.page.getByText(`You completed the challenge “${title}”!`)).toBeVisible();
});

test("a buddy request from a member's practice page, accepted, then a nudge", async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await newMember(browser, "pba");
  const b = await newMember(browser, "pbb");
  await a.page.goto(`/practice/m/${b.name}`);
  await hydrated(a.page);
  await a.page.getByRole("link", { name: "Ask to be practice buddies" }).click();
  const ask = a.page.getByRole("form", { name: "Ask to be practice buddies" });
  await expect(ask.getByLabel("Username")).toHaveValue(b.name);
  await ask.getByLabel("A message (optional)").fill("Morning axis walks?");
  await ask.getByRole("button", { name: "Send request" }).click();
  await expect(a.page.getByRole("heading", { name: "Waiting for an answer" })).toBeVisible();

  await b.page.goto("/practice/buddies");
  await hydrated(b.page);
  await expect(b.page.getByText("Morning axis walks?")).toBeVisible();
  await b.page.getByRole("button", { name: `Accept ${a.name}` }).click();
  await expect(b.page.getByRole("heading", { name: "My buddies" })).toBeVisible();
  await expect(b.page.locator(".buddy")).toContainText(a.name);

  await a.page.reload();
  await hydrated(a.page);
  await a.page.getByRole("button", { name: `Nudge ${b.name}` }).click();
  await b.page.goto("/notifications");
  await expect(b.page.getByText(`${a.name} nudges you: time to practise together?`)).toBeVisible();
  await a.page.getByRole("button", { name: `Nudge ${b.name}` }).click();
  await expect(a.page.getByText("You nudged them already today.")).toBeVisible();
});

test("a moderator adds a technique in the library editor", async ({ browser }) => {
  test.setTimeout(120_000);
  const mod = await newMember(browser, "pe");
  makeModerator(mod.name);
  await mod.page.goto("/practice/techniques/new");
  await hydrated(mod.page);
  const form = mod.page.getByRole("form", { name: "Technique" });
  const slug = `soft-gaze-${mod.name.slice(2, 10)}`;
  await form.getByLabel("Name").fill(`Soft gaze ${mod.name}`);
  await form.getByLabel("Address (slug)").fill("Not A Slug");
  await form.getByLabel("Category").selectOption({ label: "Energy awareness" });
  await form.getByLabel("Guide (markdown)").fill("1. Let your eyes rest.\n2. Widen your view.");
  await form.getByLabel("A place to start (open to everyone)").check();
  await form.getByRole("button", { name: "Save technique" }).click();
  await expect(form.getByText(/Use 2–60 lowercase letters/)).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveValue(`Soft gaze ${mod.name}`);
  await form.getByLabel("Address (slug)").fill(slug);
  await form.getByRole("button", { name: "Save technique" }).click();
  await expect(mod.page.getByRole("heading", { name: `Soft gaze ${mod.name}`, level: 1 })).toBeVisible();
  await expect(mod.page.getByRole("link", { name: "Edit this technique" })).toBeVisible();
  await mod.page.goto(`/practice?q=${encodeURIComponent("Soft gaze")}`);
  await expect(mod.page.getByRole("link", { name: `Soft gaze ${mod.name}` })).toBeVisible();
});

test("a newcomer chooses a path; a class names a technique and the member who went logs it in one click", async ({ browser }) => {
  test.setTimeout(180_000);
  const org = await newMember(browser, "tc");
  const member = await newMember(browser, "tm");

  // A first visit: choose a path, see where to begin.
  await member.page.goto("/practice");
  await hydrated(member.page);
  await expect(member.page.getByText("Where would you like to start?")).toBeVisible();
  await member.page.getByRole("button", { name: "Protection" }).click();
  await expect(member.page.getByRole("heading", { name: "Your path: Protection" })).toBeVisible();
  await expect(member.page.locator(".path-steps .technique-card").first()).toContainText("Start here");

  // The teacher's class names a technique.
  await org.page.goto("/events/new");
  await hydrated(org.page);
  const d = new Date(Date.now() + 2 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  await org.page.getByLabel("Title", { exact: true }).fill(`Breath class ${org.name}`);
  await org.page.getByLabel("Type", { exact: true }).selectOption("milonga");
  await org.page.getByLabel("Technique practised").selectOption({ label: "Grounding breath · Breath" });
  await org.page.getByLabel("Starts", { exact: true }).fill(`${day}T18:00`);
  await org.page.getByLabel("Ends", { exact: true }).fill(`${day}T19:00`);
  await org.page.getByLabel("Time zone").fill("Europe/Berlin");
  await org.page.getByLabel("City", { exact: true }).fill("Berlin");
  await org.page.getByRole("button", { name: "Create event" }).click();
  await expect(org.page.getByText("Only group practice, classes, workshops and mentor sessions name a technique.")).toBeVisible();
  await org.page.getByLabel("Type", { exact: true }).selectOption("class");
  await org.page.getByRole("button", { name: "Create event" }).click();
  await expect(org.page).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
  const eventUrl = new URL(org.page.url()).pathname;
  await expect(org.page.getByRole("link", { name: "Grounding breath" })).toBeVisible();

  await member.page.goto(eventUrl);
  await hydrated(member.page);
  await member.page.getByRole("button", { name: "Going", exact: true }).click();
  await expect(member.page.getByText("You're going.")).toBeVisible();
  await expect(member.page.getByText("Log it in your practice")).toHaveCount(0);

  // The class took place this morning.
  const id = eventUrl.split("/").pop();
  sql(`update events set starts_at = now() - interval '3 hours', ends_at = now() - interval '2 hours' where event_id = '${id}'`);
  await member.page.reload();
  await member.page.getByRole("link", { name: "Log it in your practice" }).click();
  await expect(member.page.getByRole("heading", { name: "Practised together", level: 1 })).toBeVisible();
  await hydrated(member.page);
  await member.page.getByRole("button", { name: "Log 60 min of Grounding breath (group)" }).click();
  await expect(member.page.getByRole("status").filter({ hasText: "Saved: +" })).toContainText("in Breath");
  await expect(member.page.getByText("In your practice ✓")).toBeVisible();
  await member.page.goto("/practice/me");
  await expect(member.page.locator(".session-row").first()).toContainText("Grounding breath");
});
