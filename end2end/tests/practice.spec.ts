import { expect, test } from "@playwright/test";
import { PASSWORD, hydrated, navLink, newMember, uniqueName } from "./helpers";

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
