import { createApp } from '../src/app';
import { ensureAdministrator } from '../src/modules/auth/admin-bootstrap';
import { cookiesOf, createTestApp, TestApp } from './test-app';

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('signs in with a short-lived token and an httpOnly SameSite=Strict refresh cookie', async () => {
    await t.createUser('aysel', ['sales_rep']);
    const res = await t.http().post('/api/v1/auth/login').send({ login: 'Aysel', password: 'Test-Password-1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ expiresIn: 900, user: { login: 'aysel', roles: ['sales_rep'] } });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/crm_refresh=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await t.http().get('/api/v1/auth/me').auth(res.body.accessToken, { type: 'bearer' });
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual(['sales_rep']);
    expect(me.body.rules).toEqual(expect.arrayContaining([expect.arrayContaining(['read', 'Contact'])]));
  });

  it('refuses a wrong password, unknown login and missing token with problem+json', async () => {
    await t.createUser('bad-pass', ['sales_rep']);
    const wrong = await t.http().post('/api/v1/auth/login').send({ login: 'bad-pass', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body).toMatchObject({ type: 'urn:crm:problem:invalid-credentials', status: 401 });
    const unknown = await t.http().post('/api/v1/auth/login').send({ login: 'nobody', password: 'whatever-123' });
    expect(unknown.status).toBe(401);
    const missing = await t.http().post('/api/v1/auth/login').send({ login: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
    expect((await t.http().get('/api/v1/contacts')).status).toBe(401);
    expect((await t.http().get('/api/v1/contacts').auth('not-a-token', { type: 'bearer' })).status).toBe(401);
    const events = await t.dataSource.query(`SELECT details FROM audit.events WHERE action = 'auth.login.failure' ORDER BY id`);
    expect(events.map((e: { details: { reason: string } }) => e.details.reason)).toEqual(expect.arrayContaining(['wrong-password', 'unknown-login']));
  });

  it('rotates the refresh token, and reuse of a rotated one revokes the whole family', async () => {
    await t.createUser('rotor', ['sales_rep']);
    const { cookie: first } = await t.login('rotor');
    const renewed = await t.http().post('/api/v1/auth/refresh').set('Cookie', first);
    expect(renewed.status).toBe(200);
    expect(renewed.body.accessToken).toEqual(expect.any(String));
    const second = cookiesOf(renewed);
    expect(second).not.toEqual(first);
    const reuse = await t.http().post('/api/v1/auth/refresh').set('Cookie', first);
    expect(reuse.status).toBe(401);
    // The family is revoked: the newest token no longer works either.
    expect((await t.http().post('/api/v1/auth/refresh').set('Cookie', second)).status).toBe(401);
    const [event] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit.events WHERE action = 'auth.refresh.reuse'`);
    expect(event.n).toBe(1);
  });

  it('logout revokes the session', async () => {
    await t.createUser('leaver', ['sales_rep']);
    const { cookie } = await t.login('leaver');
    expect((await t.http().post('/api/v1/auth/logout').set('Cookie', cookie)).status).toBe(204);
    expect((await t.http().post('/api/v1/auth/refresh').set('Cookie', cookie)).status).toBe(401);
  });

  it('deactivating a user ends their sessions at the next refresh and refuses their token', async () => {
    const admin = await t.createUser('admin-deact', ['admin']);
    const user = await t.createUser('soon-gone', ['sales_rep']);
    const { token: adminToken } = await t.login(admin.login);
    const session = await t.login(user.login);
    const res = await t.http().patch(`/api/v1/users/${user.id}`).auth(adminToken, { type: 'bearer' }).set('If-Match', '"1"').send({ active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await t.http().post('/api/v1/auth/refresh').set('Cookie', session.cookie)).status).toBe(401);
    expect((await t.http().get('/api/v1/contacts').auth(session.token, { type: 'bearer' })).status).toBe(401);
    expect((await t.http().post('/api/v1/auth/login').send({ login: user.login, password: user.password })).status).toBe(401);
  });

  it('forces a one-time password to be changed before anything else', async () => {
    await t.createUser('newbie', ['sales_rep'], { mustChangePassword: true });
    const { token } = await t.login('newbie');
    const blocked = await t.http().get('/api/v1/contacts').auth(token, { type: 'bearer' });
    expect(blocked.status).toBe(403);
    expect(blocked.body.type).toBe('urn:crm:problem:password-change-required');
    expect((await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' })).body.user.mustChangePassword).toBe(true);
    const same = await t.http().post('/api/v1/auth/change-password').auth(token, { type: 'bearer' }).send({ currentPassword: 'Test-Password-1', newPassword: 'Test-Password-1' });
    expect(same.status).toBe(400);
    expect(same.body.errors[0].field).toBe('newPassword');
    const changed = await t.http().post('/api/v1/auth/change-password').auth(token, { type: 'bearer' }).send({ currentPassword: 'Test-Password-1', newPassword: 'a-much-better-one' });
    expect(changed.status).toBe(204);
    const { token: fresh } = await t.login('newbie', 'a-much-better-one');
    expect((await t.http().get('/api/v1/contacts').auth(fresh, { type: 'bearer' })).status).toBe(200);
  });

  it('throttles failed logins per account with 429 and Retry-After, and keeps the count across a restart', async () => {
    const user = await t.createUser('target', ['sales_rep']);
    for (let i = 0; i < 5; i += 1) {
      expect((await t.http().post('/api/v1/auth/login').send({ login: 'target', password: `wrong-${i}-password` })).status).toBe(401);
    }
    const blocked = await t.http().post('/api/v1/auth/login').send({ login: 'target', password: user.password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.type).toBe('urn:crm:problem:too-many-requests');
    // A second instance on the same database (or this one after a restart) still refuses.
    await t.app.close();
    t.app = await createApp(t.config, t.dataSource);
    expect((await t.http().post('/api/v1/auth/login').send({ login: 'target', password: user.password })).status).toBe(429);
    // Other accounts are not affected.
    await t.createUser('bystander', ['sales_rep']);
    expect((await t.http().post('/api/v1/auth/login').send({ login: 'bystander', password: 'Test-Password-1' })).status).toBe(200);
  });

  it('throttles per IP across accounts', async () => {
    const ip = '203.0.113.7';
    const throttled = await createTestApp({ CRM_TRUSTED_PROXIES: '127.0.0.1,::1,::ffff:127.0.0.1' });
    try {
      for (let i = 0; i < 20; i += 1) {
        await throttled.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ login: `guess-${i}`, password: 'wrong-password' });
      }
      await throttled.createUser('real', ['sales_rep']);
      const blocked = await throttled.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ login: 'real', password: 'Test-Password-1' });
      expect(blocked.status).toBe(429);
      const elsewhere = await throttled.http().post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.8').send({ login: 'real', password: 'Test-Password-1' });
      expect(elsewhere.status).toBe(200);
    } finally {
      await throttled.close();
    }
  });
});

describe('first start', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates the administrator once, with a one-time password that must be changed', async () => {
    const first = await ensureAdministrator(t.dataSource, 'Admin', undefined);
    expect(first.created).toBe(true);
    expect(first.oneTimePassword).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(await ensureAdministrator(t.dataSource, 'admin', undefined)).toEqual({ created: false });
    const login = await t.http().post('/api/v1/auth/login').send({ login: 'admin', password: first.oneTimePassword });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ mustChangePassword: true, roles: ['admin'] });
  });

  it('takes an operator-chosen password as is', async () => {
    const other = await createTestApp();
    try {
      const result = await ensureAdministrator(other.dataSource, 'root', 'Operator-Chosen-9');
      expect(result).toEqual({ created: true, oneTimePassword: undefined });
      const login = await other.http().post('/api/v1/auth/login').send({ login: 'root', password: 'Operator-Chosen-9' });
      expect(login.body.user.mustChangePassword).toBe(false);
    } finally {
      await other.close();
    }
  });
});
