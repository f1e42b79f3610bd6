import { ActorCache } from '../src/modules/auth/actor.cache';
import { createTestApp, TestApp, TestUser } from './test-app';

/**
 * The signed-in users an instance keeps (ActorCache) must never outlive a change of what they
 * may do: a change through this instance applies to the very next request; a change made
 * elsewhere (another instance, the CLI; here plain SQL) once the change stamp is read again.
 */
describe('cached sign-in state', () => {
  let t: TestApp;
  let cache: ActorCache;
  /** The cache's clock, moved by the tests instead of waiting. */
  let clock = 0;
  let admin: TestUser;
  let rep: TestUser;
  let other: TestUser;
  const tokens: Record<string, string> = {};
  let otherContact: string;

  const get = (who: string, path: string) => t.http().get(path).auth(tokens[who], { type: 'bearer' });
  const send = (who: string, method: 'post' | 'patch' | 'put', path: string, body: object) =>
    t.http()[method](path).auth(tokens[who], { type: 'bearer' }).send(body);
  const visibleNames = async (who: string): Promise<string[]> => {
    const res = await get(who, '/api/v1/contacts?limit=100&sort=name');
    expect(res.status).toBe(200);
    return res.body.items.map((c: { name: string }) => c.name);
  };
  const generation = async (): Promise<number> => Number((await t.dataSource.query('SELECT value FROM auth_generation'))[0].value);

  beforeAll(async () => {
    // A long trust period: only invalidation (or a moved clock) can make a change visible.
    t = await createTestApp({ CRM_AUTH_CACHE_MS: '60000' });
    cache = t.app.get(ActorCache);
    cache.now = () => clock;
    admin = await t.createUser('cache-admin', ['admin']);
    rep = await t.createUser('cache-rep', ['sales_rep']);
    other = await t.createUser('cache-other', ['sales_rep']);
    for (const user of [admin, rep, other]) {
      tokens[user.login] = (await t.login(user.login)).token;
    }
    for (const who of [rep, other]) {
      const res = await send(who.login, 'post', '/api/v1/contacts', { name: `Customer of ${who.login}` });
      expect(res.status).toBe(201);
      if (who === other) {
        otherContact = res.body.id;
      }
    }
  });
  afterAll(() => t.close());

  it('a role given through the API applies to the next request', async () => {
    expect(await visibleNames(rep.login)).toEqual(['Customer of cache-rep']);
    const [{ id: managerRole }] = await t.dataSource.query(`SELECT id FROM roles WHERE name = 'manager'`);
    const [{ id: repRole }] = await t.dataSource.query(`SELECT id FROM roles WHERE name = 'sales_rep'`);
    expect((await send(admin.login, 'put', `/api/v1/users/${rep.id}/roles`, { ids: [managerRole] })).status).toBe(200);
    expect(await visibleNames(rep.login)).toEqual(['Customer of cache-other', 'Customer of cache-rep']);
    expect((await get(rep.login, `/api/v1/contacts/${otherContact}`)).status).toBe(200);
    expect((await send(admin.login, 'put', `/api/v1/users/${rep.id}/roles`, { ids: [repRole] })).status).toBe(200);
    expect(await visibleNames(rep.login)).toEqual(['Customer of cache-rep']);
    expect((await get(rep.login, `/api/v1/contacts/${otherContact}`)).status).toBe(404);
  });

  it('changed rules of a role apply to the next request of its holders', async () => {
    const created = await send(admin.login, 'post', '/api/v1/roles', {
      name: 'cache_readers', label: 'Readers', rules: [{ subject: 'Contact', action: 'read', scope: 'own' }],
    });
    expect(created.status).toBe(201);
    const reader = await t.createUser('cache-reader', ['cache_readers']);
    tokens[reader.login] = (await t.login(reader.login)).token;
    expect(await visibleNames(reader.login)).toEqual([]);
    const changed = await t.http().patch(`/api/v1/roles/${created.body.id}`).auth(tokens[admin.login], { type: 'bearer' })
      .set('If-Match', `"${created.body.version}"`).send({ rules: [{ subject: 'Contact', action: 'read', scope: 'all' }] });
    expect(changed.status).toBe(200);
    expect(await visibleNames(reader.login)).toEqual(['Customer of cache-other', 'Customer of cache-rep']);
  });

  it('a new team member’s contacts show in the lead’s next list', async () => {
    const lead = await t.createUser('cache-lead', ['team_lead']);
    tokens[lead.login] = (await t.login(lead.login)).token;
    const team = await send(admin.login, 'post', '/api/v1/teams', { name: 'Cache team', leadId: lead.id, memberIds: [] });
    expect(team.status).toBe(201);
    expect(await visibleNames(lead.login)).toEqual([]);
    expect((await send(admin.login, 'put', `/api/v1/users/${other.id}/teams`, { ids: [team.body.id] })).status).toBe(200);
    expect(await visibleNames(lead.login)).toEqual(['Customer of cache-other']);
  });

  it('a deactivated user is refused on the next request', async () => {
    const leaving = await t.createUser('cache-leaving', ['sales_rep']);
    tokens[leaving.login] = (await t.login(leaving.login)).token;
    expect((await get(leaving.login, '/api/v1/contacts')).status).toBe(200);
    const [{ version }] = await t.dataSource.query('SELECT version FROM users WHERE id = $1', [leaving.id]);
    const res = await t.http().patch(`/api/v1/users/${leaving.id}`).auth(tokens[admin.login], { type: 'bearer' })
      .set('If-Match', `"${version}"`).send({ active: false });
    expect(res.status).toBe(200);
    expect((await get(leaving.login, '/api/v1/contacts')).status).toBe(401);
  });

  it('a changed one-time password lets the user in at once', async () => {
    const fresh = await t.createUser('cache-fresh', ['sales_rep'], { mustChangePassword: true });
    tokens[fresh.login] = (await t.login(fresh.login)).token;
    expect((await get(fresh.login, '/api/v1/contacts')).status).toBe(403);
    const changed = await send(fresh.login, 'post', '/api/v1/auth/change-password', { currentPassword: fresh.password, newPassword: 'Another-Password-2' });
    expect(changed.status).toBeLessThan(300);
    expect((await get(fresh.login, '/api/v1/contacts')).status).toBe(200);
  });

  it('a change made elsewhere moves the stamp and applies once the stamp is read again', async () => {
    expect(await visibleNames(rep.login)).toEqual(['Customer of cache-rep']);
    const before = await generation();
    // Another instance (or the CLI) makes the rep a manager: this instance is not told.
    await t.dataSource.query(`INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = 'manager'`, [rep.id]);
    expect(await generation()).toBeGreaterThan(before);
    expect(await visibleNames(rep.login)).toEqual(['Customer of cache-rep']);
    clock += 60_001;
    expect(await visibleNames(rep.login)).toEqual(['Customer of cache-other', 'Customer of cache-rep']);
    await t.dataSource.query(`DELETE FROM user_roles WHERE user_id = $1 AND role_id = (SELECT id FROM roles WHERE name = 'manager')`, [rep.id]);
    clock += 60_001;
    expect(await visibleNames(rep.login)).toEqual(['Customer of cache-rep']);
  });

  it('sign-ins and profile edits leave the stamp alone', async () => {
    const before = await generation();
    tokens[rep.login] = (await t.login(rep.login)).token;
    expect((await send(rep.login, 'patch', '/api/v1/auth/me', { displayName: 'Cache Rep' })).status).toBe(200);
    expect(await generation()).toBe(before);
  });
});

describe('cached sign-in state, checked on every request', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('a change made elsewhere applies to the next request', async () => {
    t = await createTestApp({ CRM_AUTH_CACHE_MS: '0' });
    const rep = await t.createUser('strict-rep', ['sales_rep']);
    const { token } = await t.login(rep.login);
    const status = async (): Promise<number> => (await t.http().get('/api/v1/contacts').auth(token, { type: 'bearer' })).status;
    expect(await status()).toBe(200);
    await t.dataSource.query('UPDATE users SET active = false WHERE id = $1', [rep.id]);
    expect(await status()).toBe(401);
    await t.dataSource.query('UPDATE users SET active = true WHERE id = $1', [rep.id]);
    expect(await status()).toBe(200);
    await t.dataSource.query('DELETE FROM user_roles WHERE user_id = $1', [rep.id]);
    expect(await status()).toBe(403);
  });
});
