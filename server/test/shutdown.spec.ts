import type { AddressInfo } from 'node:net';
import { closeGracefully, createApp } from '../src/app';
import { createTestApp, TestApp } from './test-app';

describe('graceful shutdown', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.createUser('late', ['sales_rep']);
  });
  afterAll(() => t.close());

  it('finishes the requests in flight, then refuses new connections', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const received = new Promise<void>((resolve) => t.app.getHttpServer().once('request', () => resolve()));
    // Signing in hashes the password with argon2: slow enough to be in flight when closing starts.
    const inFlight = fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'late', password: 'Test-Password-1' }),
    });
    // Close only once the server has the request, however slow the machine is.
    await received;
    const closing = closeGracefully(t.app);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { accessToken: unknown }).accessToken).toEqual(expect.any(String));
    await closing;
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
    t.app = await createApp(t.config, t.dataSource); // for afterAll
  });
});
