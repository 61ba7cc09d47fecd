import { expect, test } from "@playwright/test";
import { PASSWORD, pngImage, uniqueName, navLink, openComposer } from "./helpers";

test.use({ javaScriptEnabled: false });

test("sign-up and login work with JavaScript disabled", async ({ page }) => {
  const username = uniqueName("nojs");
  await page.goto("/signup");
  await page.getByLabel("Email").fill(`${username}@example.org`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Display name").fill("No Script");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/settings\/profile/);
  await expect(page.getByLabel("Display name")).toHaveValue("No Script");

  await page.getByLabel("City").fill("Montevideo");
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.goto("/settings/profile");
  await expect(page.getByLabel("City")).toHaveValue("Montevideo");

  await page.getByRole("button", { name: "Log out" }).click();
  await navLink(page, "Log in");

  await page.goto("/login");
  await page.getByLabel("Email").fill(`${username}@example.org`);
  await page.getByLabel("Password").fill("a wrong password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("don't match an account");

  await page.getByLabel("Email").fill(`${username}@example.org`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await expect(page.getByText("Welcome back, No Script.")).toBeVisible();
});

test("posting, liking and commenting work with JavaScript disabled", async ({ page }) => {
  const username = uniqueName("nojsf");
  await page.goto("/signup");
  await page.getByLabel("Email").fill(`${username}@example.org`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Display name").fill("Plain Form");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/settings\/profile/);

  await page.goto("/feed");
  const text = `Plain forms still dance, says ${username}`;
  await openComposer(page);
  await page.getByLabel("Your post").fill(text);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.goto("/feed");
  await expect(page.getByText(text)).toBeVisible();
  await page.getByRole("button", { name: "Like (0)" }).first().click();
  await expect(page.getByRole("button", { name: "Like (1)" }).first()).toBeVisible();

  await page.getByRole("link", { name: /Comments \(0\)/ }).first().click();
  await page.getByLabel("Add a comment").fill("Works without scripts.");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByText("Works without scripts.")).toBeVisible();
});

test("a post with an image can be shared with JavaScript disabled", async ({ page }) => {
  const username = uniqueName("nojsi");
  await page.goto("/signup");
  await page.getByLabel("Email").fill(`${username}@example.org`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Display name").fill("Plain Picture");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/settings\/profile/);

  await page.goto("/feed");
  const text = `A picture without scripts, from ${username}`;
  await openComposer(page);
  await page.getByLabel("Your post").fill(text);
  await page.getByLabel("Image (optional)").setInputFiles({ name: "p.png", mimeType: "image/png", buffer: pngImage(640, 480) });
  await page.getByLabel("Image description").fill("A gradient, posted as a plain form");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  // The plain form lands on the new post.
  await expect(page).toHaveURL(/\/posts\/[0-9a-f-]+$/);
  await expect(page.getByRole("article").getByText(text)).toBeVisible();
  await expect(page.getByRole("img", { name: "A gradient, posted as a plain form" })).toBeVisible();

  // An oversized or wrong file comes back with the message next to the field.
  await page.goto("/feed");
  await openComposer(page);
  await page.getByLabel("Your post").fill("This one has a bad file");
  await page.getByLabel("Image (optional)").setInputFiles({ name: "x.png", mimeType: "image/png", buffer: Buffer.from("not an image") });
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByText("Upload a JPEG, PNG or WebP image.")).toBeVisible();
});
