import { expect, test } from "@playwright/test";
import { hydrated, signUp, uniqueName, navLink } from "./helpers";

test("a new member meets their guide, draws the daily card and asks the cards", async ({ page }) => {
  await signUp(page, uniqueName("orla"));
  await (await navLink(page, "Oracle")).click();
  await expect(page.getByRole("heading", { name: "Oracle", exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Meet your guide" }).click();
  await hydrated(page);
  await page.getByRole("group", { name: "Are you spiritual?" }).getByLabel("Yes").check();
  await page.getByLabel("Your religion or path").fill("the tango embrace");
  await page.getByLabel("What do you offer?").fill("candles and slow music");
  await page.getByLabel("Astrology sign").selectOption("leo");
  await page.getByRole("button", { name: "Meet my guide" }).click();
  await expect(page).toHaveURL(/\/oracle\/guide$/);
  await expect(page.getByText(/Element: (Fire|Water|Earth|Air) · Level 1/)).toBeVisible();

  await page.goto("/oracle");
  await hydrated(page);
  await page.getByRole("button", { name: "Draw today's card" }).click();
  const todays = page.locator(".tarot-card h3");
  await expect(todays).toHaveCount(1);
  const card = await todays.innerText();
  await page.reload();
  await expect(page.locator(".tarot-card h3")).toHaveText(card);
  await expect(page.getByRole("button", { name: "Draw today's card" })).toHaveCount(0);

  await page.getByLabel("Your question").fill("What does the next milonga ask of me?");
  await page.getByRole("button", { name: "Draw three cards" }).click();
  await expect(page).toHaveURL(/\/oracle\/readings\/[0-9a-f-]+$/);
  const positions = page.locator(".tarot-position");
  await expect(positions).toHaveText(["Past", "Present", "Future"]);
  const names = await page.locator(".tarot-card h3").allInnerTexts();
  expect(new Set(names).size).toBe(3);
  await expect(page.getByText("What does the next milonga ask of me?")).toBeVisible();

  await page.goto("/oracle/readings");
  await expect(page.getByRole("link", { name: "What does the next milonga ask of me?" })).toBeVisible();
  await page.goto("/oracle/journal");
  await expect(page.getByText(/2 readings and 4 cards/)).toBeVisible();
  await expect(page.getByRole("img", { name: /Suits/ })).toBeVisible();
});

test("the card library lists all 78 cards, each with a page", async ({ page }) => {
  await page.goto("/oracle/cards");
  await expect(page.locator(".card-library li")).toHaveCount(78);
  await page.getByRole("link", { name: "The Fool" }).click();
  await expect(page.getByRole("heading", { name: "The Fool", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Reversed" })).toBeVisible();
});
