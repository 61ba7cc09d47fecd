import { defineConfig } from "@playwright/test";

// A throwaway check of public/map.js against a static harness (no Rust server): run.sh copies
// public/ and this folder into a temporary directory, serves it and sets MAP_HARNESS_URL.
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
  testDir: ".",
  testMatch: /map\.spec\.ts/,
  outputDir: "../test-results/map-harness",
  timeout: 30_000,
  expect: { timeout: 8_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: process.env.MAP_HARNESS_URL ?? "http://127.0.0.1:8765",
    viewport: { width: 1280, height: 800 },
    launchOptions: chromium,
    trace: "off",
  },
});
