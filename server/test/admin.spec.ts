import { createTestApp, TestApp } from './test-app';

describe('administration of users, teams and roles', () => {
  let t: TestApp;
  let token: string;
  const bearer = { type: 'bearer' as const };

  beforeAll(async () => {
    t = await createTestApp();
    await t.createUser('boss', ['admin']);
    ({ token } = await t.login('boss'));
  });
  afterAll(() => t.close());

  it('creates a user with a one-time password shown once, who must change it', async () => {
    const roles = await t.http().get('/api/v1/roles').auth(token, bearer);
    const rep = roles.body.items.find((r: { name: string }) => r.name === 'sales_rep');
    const res = await t.http().post('/api/v1/users').auth(token, bearer).send({ login: 'Orxan', displayName: 'Orxan Quliyev', locale: 'ru', roleIds: [rep.id] });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ login: 'orxan', locale: 'ru', roles: ['sales_rep'], mustChangePassword: true });
    expect(res.body.oneTimePassword).toMatch(/^[A-Za-z0-9]{16}$/);
    const login = await t.http().post('/api/v1/auth/login').send({ login: 'orxan', password: res.body.oneTimePassword });
    expect(login.body.user.mustChangePassword).toBe(true);
    const duplicate = await t.http().post('/api/v1/users').auth(token, bearer).send({ login: 'ORXAN', displayName: 'Again' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0].field).toBe('login');
    const badRole = await t.http().post('/api/v1/users').auth(token, bearer).send({ login: 'x-user', displayName: 'X', roleIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors[0].field).toBe('roleIds');
  });

  it('lets only those who may assign roles and change teams create a user with roles or teams', async () => {
    const clerkRole = await t.http().post('/api/v1/roles').auth(token, bearer).send({
      name: 'user_clerk', label: 'User clerk', rules: [{ subject: 'User', action: 'create', scope: 'all' }, { subject: 'Role', action: 'read', scope: 'all' }, { subject: 'Team', action: 'read', scope: 'all' }],
    });
    expect(clerkRole.status).toBe(201);
    const clerk = await t.createUser('clerk', ['user_clerk']);
    const { token: clerkToken } = await t.login(clerk.login);
    const team = await t.createTeam('Clerk team');
    const withRole = await t.http().post('/api/v1/users').auth(clerkToken, bearer).send({ login: 'via-clerk-1', displayName: 'A', roleIds: [clerkRole.body.id] });
    expect(withRole.status).toBe(403);
    const withTeam = await t.http().post('/api/v1/users').auth(clerkToken, bearer).send({ login: 'via-clerk-2', displayName: 'B', teamIds: [team] });
    expect(withTeam.status).toBe(403);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM users WHERE login LIKE 'via-clerk-%'`);
    expect(count).toBe(0);
    const plain = await t.http().post('/api/v1/users').auth(clerkToken, bearer).send({ login: 'via-clerk-3', displayName: 'C' });
    expect(plain.status).toBe(201);
    expect(plain.body.user.roles).toEqual([]);
  });

  it('resets a password and ends the user’s sessions', async () => {
    const user = await t.createUser('forgetful', ['sales_rep']);
    const session = await t.login(user.login);
    const reset = await t.http().post(`/api/v1/users/${user.id}/reset-password`).auth(token, bearer);
    expect(reset.status).toBe(201);
    expect((await t.http().post('/api/v1/auth/refresh').set('Cookie', session.cookie)).status).toBe(401);
    const login = await t.http().post('/api/v1/auth/login').send({ login: user.login, password: reset.body.oneTimePassword });
    expect(login.body.user.mustChangePassword).toBe(true);
  });

  it('lists users with search, paging and count', async () => {
    const page = await t.http().get('/api/v1/users').query({ q: 'orx', count: 'true' }).auth(token, bearer);
    expect(page.body.total).toBe(1);
    expect(page.body.items[0].login).toBe('orxan');
    const first = await t.http().get('/api/v1/users').query({ limit: 1 }).auth(token, bearer);
    const second = await t.http().get('/api/v1/users').query({ limit: 1, cursor: first.body.nextCursor }).auth(token, bearer);
    expect(second.body.items[0].login > first.body.items[0].login).toBe(true);
  });

  it('manages teams with a lead and members, under optimistic locking', async () => {
    const lead = await t.createUser('team-lead', ['team_lead']);
    const member = await t.createUser('member', ['sales_rep']);
    const created = await t.http().post('/api/v1/teams').auth(token, bearer).send({ name: 'Gəncə filialı', leadId: lead.id, memberIds: [member.id] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ leadId: lead.id, memberIds: [member.id] });
    const renamed = await t.http().patch(`/api/v1/teams/${created.body.id}`).auth(token, bearer).set('If-Match', '"1"').send({ name: 'Gəncə' });
    expect(renamed.body.name).toBe('Gəncə');
    expect((await t.http().patch(`/api/v1/teams/${created.body.id}`).auth(token, bearer).set('If-Match', '"1"').send({ name: 'Old' })).status).toBe(412);
    expect((await t.http().post('/api/v1/teams').auth(token, bearer).send({ name: 'gəncə' })).status).toBe(409);
    const unknownMember = await t.http().post('/api/v1/teams').auth(token, bearer).send({ name: 'Ghosts', memberIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknownMember.body.errors[0].field).toBe('memberIds');
    const viaUser = await t.http().put(`/api/v1/users/${lead.id}/teams`).auth(token, bearer).send({ ids: [created.body.id] });
    expect(viaUser.body.teamIds).toEqual([created.body.id]);
    expect((await t.http().delete(`/api/v1/teams/${created.body.id}`).auth(token, bearer).set('If-Match', `"${renamed.body.version}"`)).status).toBe(204);
  });

  it('defines roles whose rules are validated; built-in roles cannot be changed', async () => {
    const invalid = await t.http().post('/api/v1/roles').auth(token, bearer).send({
      name: 'broken', label: 'Broken', rules: [{ subject: 'Spaceship', action: 'fly', scope: 'galaxy' }, { subject: 'User', action: 'read', scope: 'own' }],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['rules.0.subject', 'rules.0.action', 'rules.0.scope']));
    const noOwner = await t.http().post('/api/v1/roles').auth(token, bearer).send({ name: 'broken', label: 'Broken', rules: [{ subject: 'User', action: 'read', scope: 'own' }] });
    expect(noOwner.body.errors[0].field).toBe('rules.0.scope');
    const created = await t.http().post('/api/v1/roles').auth(token, bearer).send({ name: 'call_center', label: 'Call centre', rules: [{ subject: 'Contact', action: 'read', scope: 'all' }] });
    expect(created.status).toBe(201);
    const updated = await t.http().patch(`/api/v1/roles/${created.body.id}`).auth(token, bearer).set('If-Match', '"1"')
      .send({ rules: [{ subject: 'Contact', action: 'read', scope: 'all' }, { subject: 'Contact', action: 'create', scope: 'own' }] });
    expect(updated.status).toBe(200);
    expect(updated.body.rules).toHaveLength(2);
    const builtIn = (await t.http().get('/api/v1/roles').auth(token, bearer)).body.items.find((r: { name: string }) => r.name === 'auditor');
    expect((await t.http().patch(`/api/v1/roles/${builtIn.id}`).auth(token, bearer).set('If-Match', '"1"').send({ label: 'Nope' })).status).toBe(409);
    expect((await t.http().delete(`/api/v1/roles/${builtIn.id}`).auth(token, bearer).set('If-Match', '"1"')).status).toBe(409);
    expect((await t.http().delete(`/api/v1/roles/${created.body.id}`).auth(token, bearer).set('If-Match', '"2"')).status).toBe(204);
  });

  it('lets users change their own language', async () => {
    const res = await t.http().patch('/api/v1/auth/me').auth(token, bearer).send({ locale: 'tr' });
    expect(res.status).toBe(200);
    expect(res.body.locale).toBe('tr');
    expect((await t.http().patch('/api/v1/auth/me').auth(token, bearer).send({ locale: 'fr' })).body.errors[0].field).toBe('locale');
  });

  it('exposes Prometheus metrics and health', async () => {
    await t.http().get('/health/live');
    const metrics = await t.http().get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('crm_http_request_duration_seconds_bucket');
    expect((await t.http().get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details).toMatchObject({ database: { status: 'up' }, migrations: { status: 'up' } });
  });
});
