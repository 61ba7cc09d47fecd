import { expect, test } from "@playwright/test";
import { hydrated, newMember } from "./helpers";

/** The date the assistant reads as "this weekend" (or "next weekend" on a Sunday), and the words. */
function weekend(): { day: string; words: string } {
  const now = new Date();
  const dow = now.getUTCDay(); // 0 Sunday … 6 Saturday
  const ahead = dow === 0 ? 6 : dow === 6 ? 1 : 6 - dow;
  const d = new Date(now.getTime() + ahead * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    day: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    words: dow === 0 ? "next weekend" : "this weekend",
  };
}

test("ask the assistant for milongas this weekend and open one from its answer", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, name } = await newMember(browser, "as");
  const city = `Villa ${name}`;
  const { day, words } = weekend();

  await page.goto("/events/new");
  await hydrated(page);
  await page.getByLabel("Title", { exact: true }).fill(`Milonga ${name}`);
  await page.getByLabel("Type", { exact: true }).selectOption("milonga");
  await page.getByLabel("Starts", { exact: true }).fill(`${day}T18:00`);
  await page.getByLabel("Ends", { exact: true }).fill(`${day}T22:00`);
  await page.getByLabel("Time zone").fill("UTC");
  await page.getByLabel("City", { exact: true }).fill(city);
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page).toHaveURL(/\/events\/[0-9a-f-]{36}$/);

  await page.goto("/assistant");
  await hydrated(page);
  await expect(page.getByText("Nothing asked yet.")).toBeVisible();
  await page.getByLabel("Your question").fill(`milongas in ${city} ${words}`);
  await page.getByRole("button", { name: "Ask" }).click();
  const answer = page.locator(".assistant-message:not(.mine)").last();
  await expect(answer).toContainText(`1 milonga in ${city}`);
  await expect(page.getByLabel("Your question")).toHaveValue("");
  await answer.getByRole("link", { name: `Milonga ${name}` }).click();
  await expect(page.getByRole("heading", { name: `Milonga ${name}` })).toBeVisible();

  // The conversation is kept, and can be deleted.
  await page.goto("/assistant");
  await hydrated(page);
  await expect(page.locator(".assistant-message.mine")).toContainText(`milongas in ${city}`);
  await page.getByText("Delete this conversation").click();
  await page.getByRole("button", { name: "Delete the conversation" }).click();
  await expect(page.getByText("Nothing asked yet.")).toBeVisible();
});
