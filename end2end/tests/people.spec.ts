import { Browser, expect, Page, test } from "@playwright/test";
import { hydrated, makeModerator, newMember, pngImage, signUp, uniqueName, openComposer } from "./helpers";

test("connections: request with a note, accept, connections-only posts, closeness", async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await newMember(browser, "ca");
  const b = await newMember(browser, "cb");
  const c = await newMember(browser, "cc");

  // A asks B to connect, with a note.
  await a.page.goto(`/members/${b.name}`);
  await hydrated(a.page);
  await a.page.locator("summary", { hasText: "Connect" }).click();
  await a.page.getByLabel(/A note to/).fill("We met at the Thursday práctica!");
  await a.page.getByRole("button", { name: "Send connection request" }).click();
  await expect(a.page.getByText("Connection request sent.")).toBeVisible();
  await expect(a.page.getByRole("button", { name: "Cancel request" })).toBeVisible();

  // B is told, and accepts from the people page, where the note is shown.
  await b.page.goto("/notifications");
  await expect(b.page.getByRole("button", { name: /wants to connect with you/ })).toBeVisible();
  await b.page.goto("/people");
  await hydrated(b.page);
  await expect(b.page.getByText("“We met at the Thursday práctica!”")).toBeVisible();
  await b.page.getByRole("button", { name: `Accept ${a.name}` }).click();
  await expect(b.page.getByRole("heading", { name: "Connections (1)" })).toBeVisible();
  await expect(b.page.getByRole("link", { name: a.name })).toBeVisible();

  // A sees the connection on B's profile, with its closeness.
  await a.page.goto(`/members/${b.name}`);
  await expect(a.page.getByText(/Connected · closeness/)).toBeVisible();
  await expect(a.page.getByRole("meter", { name: "Closeness" })).toHaveAttribute("value", "75");

  // A posts for connections only: B sees it, C (a stranger) cannot open it.
  await a.page.goto("/feed");
  await hydrated(a.page);
  const secret = `Only for my people, from ${a.name}`;
  await openComposer(a.page);
  await a.page.getByLabel("Your post").fill(secret);
  await a.page.getByLabel("Who can see it").selectOption("connections");
  await a.page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(a.page).toHaveURL(/\/posts\/[0-9a-f-]+$/);
  const secretUrl = a.page.url();
  await expect(a.page.locator(".post-header").getByText("· connections only")).toBeVisible();
  await b.page.goto("/feed");
  await expect(b.page.getByText(secret)).toBeVisible();
  await c.page.goto(secretUrl);
  await expect(c.page.getByText("We couldn't find that.")).toBeVisible();
  await expect(c.page.getByText(secret)).toHaveCount(0);

  // B comments on it: closeness grows by 2 on both sides.
  await b.page.goto(secretUrl);
  await hydrated(b.page);
  await b.page.getByLabel("Add a comment").fill("Thank you for sharing this with me.");
  await b.page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(b.page.getByText("Thank you for sharing this with me.")).toBeVisible();
  await a.page.goto("/people");
  await expect(a.page.getByRole("meter", { name: "Closeness" })).toHaveAttribute("value", "77");

  // C sees A as a suggestion? No mutual connections yet; but after connecting with B,
  // A is suggested to C as a friend of a connection.
  await c.page.goto(`/members/${b.name}`);
  await hydrated(c.page);
  await c.page.locator("summary", { hasText: "Connect" }).click();
  await c.page.getByRole("button", { name: "Send connection request" }).click();
  await expect(c.page.getByText("Connection request sent.")).toBeVisible();
  await b.page.goto("/people");
  await hydrated(b.page);
  await b.page.getByRole("button", { name: `Accept ${c.name}` }).click();
  await expect(b.page.getByRole("heading", { name: "Connections (2)" })).toBeVisible();
  await c.page.goto("/people");
  await expect(c.page.getByText("1 mutual connection")).toBeVisible();
  await expect(c.page.getByRole("button", { name: `Connect with ${a.name}` })).toBeVisible();
});

test("reports reach the moderation queue; hiding tells the author and hides the post", async ({ browser }) => {
  test.setTimeout(180_000);
  const author = await newMember(browser, "ra");
  const reader = await newMember(browser, "rb");
  const moderator = await newMember(browser, "rm");
  makeModerator(moderator.name);

  await author.page.goto("/feed");
  await hydrated(author.page);
  const text = `Buy cheap followers now, says ${author.name}`;
  await openComposer(author.page);
  await author.page.getByLabel("Your post").fill(text);
  await author.page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(author.page).toHaveURL(/\/posts\/[0-9a-f-]+$/);
  const url = author.page.url();

  // The reader reports it.
  await reader.page.goto(url);
  await hydrated(reader.page);
  await reader.page.locator("summary", { hasText: "Report this post" }).click();
  await reader.page.getByLabel("Why are you reporting it?").selectOption("spam");
  await reader.page.getByLabel(/Anything moderators should know/).fill("Selling followers.");
  await reader.page.getByRole("button", { name: "Send report" }).click();
  await expect(reader.page.getByText("Thank you. A moderator will look at it.")).toBeVisible();

  // The moderator finds it in the queue with the reason, and hides it.
  await moderator.page.goto("/moderation");
  await hydrated(moderator.page);
  const item = moderator.page.locator(".queue-item", { hasText: text });
  await expect(item).toBeVisible();
  await expect(item.getByText("Spam or advertising")).toBeVisible();
  await expect(item.getByText("Selling followers.")).toBeVisible();
  await item.getByRole("button", { name: "Hide post" }).click();
  await expect(moderator.page.getByRole("heading", { name: "Open reports (0)" })).toBeVisible();

  // The author is told and still sees it, marked; the reader no longer can.
  await author.page.goto("/notifications");
  await expect(author.page.getByRole("button", { name: /A moderator hid your post/ })).toBeVisible();
  await author.page.goto(url);
  await expect(author.page.getByText("Hidden by a moderator")).toBeVisible();
  await reader.page.goto(url);
  await expect(reader.page.getByText("We couldn't find that.")).toBeVisible();
  await reader.page.goto("/latest");
  await expect(reader.page.getByText(text)).toHaveCount(0);

  // Restoring from the queue's recent decisions brings it back.
  await moderator.page.goto("/moderation");
  await hydrated(moderator.page);
  await moderator.page.getByRole("button", { name: "Restore post" }).first().click();
  await expect(moderator.page.getByRole("button", { name: "Hide post" }).first()).toBeVisible();
  await reader.page.goto(url);
  await expect(reader.page.getByText(text)).toBeVisible();
});

test("a profile picture is uploaded, cropped square and shown on the profile", async ({ browser }) => {
  const m = await newMember(browser, "av");
  await m.page.goto("/settings/profile");
  await hydrated(m.page);
  await m.page.getByLabel("Profile picture").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: pngImage(900, 600) });
  await m.page.getByRole("button", { name: "Upload picture" }).click();
  await expect(m.page.getByRole("button", { name: "Remove picture" })).toBeVisible();
  await m.page.goto(`/members/${m.name}`);
  const avatar = m.page.locator(".profile-header img.avatar");
  await expect(avatar).toHaveAttribute("src", /^\/media\/[0-9a-f]{32}\/display\.jpg$/);
  expect(await avatar.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([512, 512]);

  // A file that is not an image is refused beside the field.
  await m.page.goto("/settings/profile");
  await hydrated(m.page);
  await m.page.getByLabel("Profile picture").setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("just some text") });
  await m.page.getByRole("button", { name: "Upload picture" }).click();
  await expect(m.page.getByText("Upload a JPEG, PNG or WebP image.")).toBeVisible();
});

test("a connection request can be withdrawn, and declined", async ({ browser }) => {
  const a = await newMember(browser, "da");
  const b = await newMember(browser, "db");
  await a.page.goto(`/members/${b.name}`);
  await hydrated(a.page);
  await a.page.locator("summary", { hasText: "Connect" }).click();
  await a.page.getByRole("button", { name: "Send connection request" }).click();
  await a.page.getByRole("button", { name: "Cancel request" }).click();
  await expect(a.page.locator("summary", { hasText: "Connect" })).toBeVisible();
  await b.page.goto("/people");
  await expect(b.page.getByRole("heading", { name: /Requests for you/ })).toHaveCount(0);

  await a.page.locator("summary", { hasText: "Connect" }).click();
  await a.page.getByRole("button", { name: "Send connection request" }).click();
  await expect(a.page.getByText("Connection request sent.")).toBeVisible();
  await b.page.goto("/people");
  await hydrated(b.page);
  await b.page.getByRole("button", { name: `Decline ${a.name}` }).click();
  await expect(b.page.getByRole("heading", { name: /Requests for you/ })).toHaveCount(0);
  await expect(b.page.getByRole("heading", { name: "Connections (0)" })).toBeVisible();
  await a.page.goto("/people");
  await expect(a.page.getByRole("heading", { name: /Requests you sent/ })).toHaveCount(0);
});
