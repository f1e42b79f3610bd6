import { createTestApp, TestApp, TestUser } from './test-app';

/**
 * The role × scope matrix on contacts: what a user may not see answers 404 and is absent from
 * lists and counts; what they see but may not change answers 403.
 */
describe('row-level permissions on contacts', () => {
  let t: TestApp;
  const users: Record<string, TestUser> = {};
  const tokens: Record<string, string> = {};
  const contactOf: Record<string, { id: string; version: number }> = {};

  const as = (who: string) => ({
    get: (path: string) => t.http().get(path).auth(tokens[who], { type: 'bearer' }),
    post: (path: string, body: object) => t.http().post(path).auth(tokens[who], { type: 'bearer' }).send(body),
    patch: (path: string, body: object, version: number) =>
      t.http().patch(path).auth(tokens[who], { type: 'bearer' }).set('If-Match', `"${version}"`).send(body),
    delete: (path: string, version: number) => t.http().delete(path).auth(tokens[who], { type: 'bearer' }).set('If-Match', `"${version}"`),
  });
  const listNames = async (who: string): Promise<string[]> => {
    const res = await as(who).get('/api/v1/contacts?limit=200&count=true&sort=name');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(res.body.items.length);
    return res.body.items.map((c: { name: string }) => c.name);
  };

  beforeAll(async () => {
    t = await createTestApp();
    const lead = await t.createUser('lead', ['team_lead']);
    const north = await t.createTeam('North', lead.id);
    const south = await t.createTeam('South');
    users.lead = lead;
    users.repA = await t.createUser('rep-a', ['sales_rep'], { teams: [north] });
    users.repB = await t.createUser('rep-b', ['sales_rep'], { teams: [north] });
    users.repC = await t.createUser('rep-c', ['sales_rep'], { teams: [south] });
    users.manager = await t.createUser('manager', ['manager']);
    users.auditor = await t.createUser('auditor', ['auditor']);
    users.marketer = await t.createUser('marketer', ['marketer']);
    for (const who of Object.keys(users)) {
      tokens[who] = (await t.login(users[who].login)).token;
    }
    for (const who of ['repA', 'repB', 'repC']) {
      const res = await as(who).post('/api/v1/contacts', { name: `Customer of ${who}` });
      expect(res.status).toBe(201);
      contactOf[who] = { id: res.body.id, version: res.body.version };
    }
  });
  afterAll(() => t.close());

  it('a sales rep sees only their own contacts', async () => {
    expect(await listNames('repA')).toEqual(['Customer of repA']);
    expect((await as('repA').get(`/api/v1/contacts/${contactOf.repB.id}`)).status).toBe(404);
    expect((await as('repA').get(`/api/v1/contacts/${contactOf.repB.id}/history`)).status).toBe(404);
    const search = await as('repA').get('/api/v1/contacts?q=Customer&count=true');
    expect(search.body.total).toBe(1);
  });

  it('a sales rep cannot change or delete another rep’s contact: 404, nothing changes', async () => {
    const { id, version } = contactOf.repB;
    expect((await as('repA').patch(`/api/v1/contacts/${id}`, { name: 'Hijacked' }, version)).status).toBe(404);
    expect((await as('repA').delete(`/api/v1/contacts/${id}`, version)).status).toBe(404);
    const [row] = await t.dataSource.query('SELECT name, version FROM contacts WHERE id = $1', [id]);
    expect(row).toEqual({ name: 'Customer of repB', version: 1 });
  });

  it('a sales rep cannot create a contact for someone else, nor give theirs away', async () => {
    expect((await as('repA').post('/api/v1/contacts', { name: 'For B', ownerId: users.repB.id })).status).toBe(403);
    const mine = await as('repA').post('/api/v1/contacts', { name: 'Mine to keep' });
    expect((await as('repA').patch(`/api/v1/contacts/${mine.body.id}`, { ownerId: users.repB.id }, 1)).status).toBe(403);
    expect((await as('repA').delete(`/api/v1/contacts/${mine.body.id}`, 1)).status).toBe(204);
  });

  it('a team lead sees and changes the contacts of their team, not of other teams', async () => {
    expect(await listNames('lead')).toEqual(['Customer of repA', 'Customer of repB']);
    expect((await as('lead').get(`/api/v1/contacts/${contactOf.repC.id}`)).status).toBe(404);
    expect((await as('lead').patch(`/api/v1/contacts/${contactOf.repC.id}`, { name: 'x' }, 1)).status).toBe(404);
    const edit = await as('lead').patch(`/api/v1/contacts/${contactOf.repA.id}`, { email: 'a@example.az' }, contactOf.repA.version);
    expect(edit.status).toBe(200);
    contactOf.repA.version = edit.body.version;
    // Reassigning within the team is allowed (assign, scope team); to another team's rep it is not.
    const reassign = await as('lead').patch(`/api/v1/contacts/${contactOf.repA.id}`, { ownerId: users.repB.id }, contactOf.repA.version);
    expect(reassign.status).toBe(200);
    expect((await as('lead').patch(`/api/v1/contacts/${contactOf.repA.id}`, { ownerId: users.repC.id }, reassign.body.version)).status).toBe(403);
    const back = await as('lead').patch(`/api/v1/contacts/${contactOf.repA.id}`, { ownerId: users.repA.id }, reassign.body.version);
    expect(back.status).toBe(200);
    contactOf.repA.version = back.body.version;
    const events = await t.dataSource.query(
      `SELECT changes FROM audit.events WHERE table_name = 'contacts' AND record_id = $1 AND action = 'update' AND changes ? 'owner_id' ORDER BY id`,
      [contactOf.repA.id],
    );
    expect(events.map((e: { changes: { owner_id: { new: string } } }) => e.changes.owner_id.new)).toEqual([users.repB.id, users.repA.id]);
  });

  it('a manager sees and changes every contact', async () => {
    expect(await listNames('manager')).toEqual(['Customer of repA', 'Customer of repB', 'Customer of repC']);
    const edit = await as('manager').patch(`/api/v1/contacts/${contactOf.repC.id}`, { phone: '+994123456789' }, contactOf.repC.version);
    expect(edit.status).toBe(200);
    contactOf.repC.version = edit.body.version;
  });

  it('an auditor reads everything and changes nothing; each refusal is audited', async () => {
    expect(await listNames('auditor')).toEqual(['Customer of repA', 'Customer of repB', 'Customer of repC']);
    expect((await as('auditor').get(`/api/v1/contacts/${contactOf.repC.id}`)).status).toBe(200);
    expect((await as('auditor').post('/api/v1/contacts', { name: 'Audit me' })).status).toBe(403);
    expect((await as('auditor').patch(`/api/v1/contacts/${contactOf.repC.id}`, { name: 'x' }, contactOf.repC.version)).status).toBe(403);
    expect((await as('auditor').delete(`/api/v1/contacts/${contactOf.repC.id}`, contactOf.repC.version)).status).toBe(403);
    const denials = await t.dataSource.query(
      `SELECT details->>'action' AS action FROM audit.events WHERE action = 'permission.denied' AND actor_id = $1 ORDER BY id`,
      [users.auditor.id],
    );
    expect(denials.map((d: { action: string }) => d.action)).toEqual(['create', 'update', 'delete']);
  });

  it('admin endpoints and the audit log are closed to reps', async () => {
    expect((await as('repA').get('/api/v1/audit/events')).status).toBe(403);
    expect((await as('repA').get('/api/v1/audit/events/export')).status).toBe(403);
    expect((await as('repA').post('/api/v1/users', { login: 'sneaky', displayName: 'S' })).status).toBe(403);
    expect((await as('repA').post('/api/v1/roles', { name: 'godmode', label: 'God', rules: [] })).status).toBe(403);
    expect((await as('repA').get('/api/v1/roles')).status).toBe(403);
    expect((await as('manager').get('/api/v1/audit/events')).status).toBe(403);
    expect((await as('auditor').get('/api/v1/audit/events')).status).toBe(200);
    expect((await as('auditor').post('/api/v1/teams', { name: 'Auditors club' })).status).toBe(403);
  });

  it('field limits hide the fields a role may not read and refuse writing them', async () => {
    const admin = await t.createUser('field-admin', ['admin']);
    const { token: adminToken } = await t.login(admin.login);
    const role = await t.http().post('/api/v1/roles').auth(adminToken, { type: 'bearer' }).send({
      name: 'phone_blind_rep',
      label: 'Rep without phone numbers',
      rules: [
        { subject: 'Contact', action: 'read', scope: 'all', fields: ['name', 'email'] },
        { subject: 'Contact', action: 'update', scope: 'all', fields: ['email'] },
      ],
    });
    expect(role.status).toBe(201);
    const blind = await t.createUser('blind', []);
    await t.http().put(`/api/v1/users/${blind.id}/roles`).auth(adminToken, { type: 'bearer' }).send({ ids: [role.body.id] });
    const { token: blindToken } = await t.login('blind');
    const seen = await t.http().get(`/api/v1/contacts/${contactOf.repC.id}`).auth(blindToken, { type: 'bearer' });
    expect(seen.status).toBe(200);
    expect(seen.body.name).toBe('Customer of repC');
    expect(seen.body).not.toHaveProperty('phone');
    const list = await t.http().get('/api/v1/contacts').auth(blindToken, { type: 'bearer' });
    expect(list.body.items.every((c: object) => !('phone' in c))).toBe(true);
    const phoneEdit = await t.http().patch(`/api/v1/contacts/${contactOf.repC.id}`).auth(blindToken, { type: 'bearer' }).set('If-Match', `"${contactOf.repC.version}"`).send({ phone: '+994000000000' });
    expect(phoneEdit.status).toBe(403);
    expect(phoneEdit.body.detail).toContain('phone');
    const emailEdit = await t.http().patch(`/api/v1/contacts/${contactOf.repC.id}`).auth(blindToken, { type: 'bearer' }).set('If-Match', `"${contactOf.repC.version}"`).send({ email: 'c@example.az' });
    expect(emailEdit.status).toBe(200);
  });
});
