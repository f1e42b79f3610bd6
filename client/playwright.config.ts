import { defineConfig } from '@playwright/test';
import { chromiumExecutable } from './e2e/support/chromium';
import { E2E } from './e2e/support/env';

/**
 * Browser tests against the real server, its database and the production build of the client,
 * in the system's Chromium (CHROME_PATH overrides; nothing is downloaded).
 */
/** Separate output folders let several runs share a checkout (E2E_OUTPUT, with E2E_PORT and E2E_PG_PORT). */
const output = process.env['E2E_OUTPUT'] ?? '../test-results';

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: `${output}/e2e`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: `${output}/e2e-report` }]],
  use: {
    baseURL: E2E.baseUrl,
    locale: 'en-GB',
    timezoneId: 'Asia/Baku',
    viewport: { width: 1366, height: 768 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    },
  },
  webServer: {
    command: 'node e2e/support/serve.js',
    url: `${E2E.baseUrl}/health/ready`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
