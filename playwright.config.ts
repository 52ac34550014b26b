import { defineConfig, devices } from "@playwright/test";

/**
 * Browser journeys in Debian's Chromium (Playwright cannot download its own browsers here).
 * The global setup starts DynamoDB Local and the real local server on free ports, then
 * passes the address to the workers through the environment.
 */
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
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
  testDir: "tests/e2e",
  globalSetup: "./tests/support/e2e-global-setup.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  // Staff steps run scrypt on purpose (about a second each, more on a busy 2-core machine), so
  // an assertion waiting for a sign-in or a password change gets more than Playwright's 5 s.
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    launchOptions: chromium,
    trace: "off",
  },
  projects: [
    {
      name: "phone",
      use: { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, userAgent: devices["Pixel 5"].userAgent },
    },
    { name: "desktop", use: { viewport: { width: 1280, height: 800 } } },
  ],
});
