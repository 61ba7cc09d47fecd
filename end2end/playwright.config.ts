import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium, never a downloaded browser. The flags keep it from reaching for the
// network (this machine has none) and let it run as root in CI.
const chromium = {
  executablePath: process.env.KINDRED_CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.KINDRED_BASE_URL ?? "http://127.0.0.1:3000",
    launchOptions: chromium,
    trace: "off",
  },
  projects: [
    { name: "phone", use: { ...devices["Pixel 7"], launchOptions: chromium } },
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium }, testMatch: /shell\.spec\.ts/ },
  ],
});
