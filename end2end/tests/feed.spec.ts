import { Browser, expect, Page, test } from "@playwright/test";
import { hydrated, nav, newMember, pngImage, signUp, uniqueName, openComposer } from "./helpers";

test("two members post, engage, comment and follow; counts, energy and XP follow along", async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await newMember(browser, "pa");
  const b = await newMember(browser, "pb");

  // B meets a spirit guide first, so B's engagements grow it.
  await b.page.goto("/oracle/guide/questionnaire");
  await hydrated(b.page);
  await b.page.getByRole("button", { name: "Meet my guide" }).click();
  await expect(b.page).toHaveURL(/\/oracle\/guide$/);
  await expect(b.page.getByText("0 XP ·")).toBeVisible();

  // A posts with a hashtag and a mention of B.
  await nav(a.page).getByRole("link", { name: "Feed" }).click();
  await hydrated(a.page);
  const marker = `Tonight with ${a.name}`;
  await openComposer(a.page);
  await a.page.getByLabel("Your post").fill(`${marker}: the #milonga was tender and slow. @${b.name} come next week!`);
  await a.page.getByLabel("Image (optional)").setInputFiles({ name: "floor.png", mimeType: "image/png", buffer: pngImage(1200, 800) });
  await a.page.getByLabel("Image description").fill("The dance floor at midnight");
  await a.page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(a.page).toHaveURL(/\/posts\/[0-9a-f-]+$/);
  const postUrl = a.page.url();
  // The image was re-encoded and is served from Kindred's media store.
  const image = a.page.getByRole("img", { name: "The dance floor at midnight" });
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute("src", /^\/media\/[0-9a-f]{32}\/display\.jpg$/);
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200);
  await expect(a.page.getByRole("link", { name: "#milonga" })).toBeVisible();
  await expect(a.page.getByRole("link", { name: `@${b.name}` })).toBeVisible();

  // B hears about the mention: the bell shows it unread, the list names A.
  await b.page.goto("/members");
  await expect(b.page.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();
  await b.page.getByRole("link", { name: "Notifications, 1 unread" }).click();
  await hydrated(b.page);
  await expect(b.page.getByRole("button", { name: /mentioned you in a post/ })).toBeVisible();
  await b.page.getByRole("button", { name: /mentioned you in a post/ }).click();
  await expect(b.page).toHaveURL(postUrl);

  // B follows A, then finds the post in the home feed and on the hashtag page.
  await b.page.goto(`/members/${a.name}`);
  await hydrated(b.page);
  await b.page.getByRole("button", { name: "Follow" }).click();
  await expect(b.page.getByRole("button", { name: "Unfollow" })).toBeVisible();
  await b.page.goto("/feed");
  await expect(b.page.getByText(marker)).toBeVisible();
  await expect(b.page.getByRole("img", { name: "The dance floor at midnight" })).toBeVisible();
  await b.page.goto("/tags/milonga");
  await expect(b.page.getByText(marker)).toBeVisible();

  // B likes, upvotes and sends energy; counts and the energy balance change.
  await b.page.goto(postUrl);
  await hydrated(b.page);
  await b.page.getByRole("button", { name: "Like (0)" }).click();
  await expect(b.page.getByRole("button", { name: "Like (1)" })).toHaveAttribute("aria-pressed", "true");
  // The like alone raised B's guide by 5 XP.
  await b.page.goto("/oracle/guide");
  await expect(b.page.getByText("5 XP ·")).toBeVisible();
  await expect(b.page.getByText(/Liked a post · \+5 XP/)).toBeVisible();
  await b.page.goto(postUrl);
  await hydrated(b.page);
  await b.page.getByRole("button", { name: "Upvote (0)" }).click();
  await expect(b.page.getByRole("button", { name: "Upvote (1)" })).toBeVisible();
  await b.page.getByRole("button", { name: "Send energy (0)" }).click();
  await expect(b.page.getByRole("button", { name: "Send energy (1)" })).toBeDisabled();

  // B bookmarks it and finds it again under Bookmarks.
  await b.page.getByRole("button", { name: "Bookmark", exact: true }).click();
  await expect(b.page.getByRole("button", { name: "Bookmarked" })).toHaveAttribute("aria-pressed", "true");
  await b.page.goto("/bookmarks");
  await expect(b.page.getByText(marker)).toBeVisible();
  await b.page.goto(postUrl);
  await hydrated(b.page);

  // B comments; A replies.
  await b.page.getByLabel("Add a comment").fill("Count me in!");
  await b.page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(b.page.getByText("Count me in!")).toBeVisible();
  await a.page.goto(postUrl);
  await hydrated(a.page);
  await expect(a.page.getByText("Count me in!")).toBeVisible();
  await a.page.locator("summary", { hasText: "Reply" }).first().click();
  await a.page.getByLabel("Your reply").fill("Wonderful, see you there.");
  await a.page.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(a.page.getByText("Wonderful, see you there.")).toBeVisible();
  await expect(a.page.getByRole("button", { name: "Like (1)" })).toBeVisible();
  await expect(a.page.getByRole("button", { name: "Upvote (1)" })).toBeVisible();
  await a.page.goto("/notifications");
  await expect(a.page.getByRole("button", { name: /commented on your post/ })).toBeVisible();
  await expect(a.page.getByRole("button", { name: /sent energy to your post/ })).toBeVisible();
  await expect(a.page.getByRole("button", { name: /started following you/ })).toBeVisible();

  // The chakra filter lists the post under its chakra.
  await a.page.goto(postUrl);
  const badge = a.page.locator(".post .chakra-badge").first();
  const chakraHref = await badge.getAttribute("href");
  await a.page.goto(chakraHref!);
  await expect(a.page.getByText(marker)).toBeVisible();

  // Search finds the post by a word in it.
  await a.page.goto(`/search?q=${encodeURIComponent(a.name)}`);
  await expect(a.page.getByText(marker)).toBeVisible();

  // B's energy dropped by 10 and the guide gained like 5 + upvote 10 + energy 20 + comment 3.
  await b.page.goto("/feed");
  await expect(b.page.getByText(/Energy 990/)).toBeVisible();
  await b.page.goto("/oracle/guide");
  await expect(b.page.getByText("38 XP ·")).toBeVisible();

  // B blocks A: A's posts vanish from B's feeds.
  await b.page.goto(`/members/${a.name}`);
  await hydrated(b.page);
  await b.page.getByRole("button", { name: "Block" }).click();
  await expect(b.page.getByRole("button", { name: "Unblock" })).toBeVisible();
  await b.page.goto("/feed");
  await expect(b.page.getByText(marker)).toHaveCount(0);
  await b.page.goto("/explore");
  await expect(b.page.getByText(marker)).toHaveCount(0);
});

test("the feed reads without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/explore");
  await expect(page.getByRole("heading", { name: "Feed" })).toBeVisible();
  await page.goto("/chakras/heart");
  await expect(page.getByRole("heading", { name: "Heart chakra" })).toBeVisible();
});
