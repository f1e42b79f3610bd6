import { createTestApp, TestApp } from './test-app';

describe('saved views', () => {
  let t: TestApp;
  let owner: string;
  let teammate: string;
  let stranger: string;
  let lead: string;
  let admin: string;
  let ownerTeam: string;
  let otherTeam: string;

  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object) => t.http().post(url).auth(token, { type: 'bearer' }).send(body),
    patch: (url: string, body: object, version?: number) => {
      const req = t.http().patch(url).auth(token, { type: 'bearer' });
      return (version === undefined ? req : req.set('If-Match', `"${version}"`)).send(body);
    },
    delete: (url: string, version?: number) => {
      const req = t.http().delete(url).auth(token, { type: 'bearer' });
      return version === undefined ? req : req.set('If-Match', `"${version}"`);
    },
  });
  const namesSeenBy = async (token: string): Promise<string[]> => {
    const res = await as(token).get('/api/v1/saved-views?entity=contact');
    expect(res.status).toBe(200);
    return res.body.items.map((v: { name: string }) => v.name);
  };

  beforeAll(async () => {
    t = await createTestApp();
    const leadUser = await t.createUser('sv_lead', ['team_lead']);
    ownerTeam = await t.createTeam('Satış — Bakı', leadUser.id);
    otherTeam = await t.createTeam('Satış — Gəncə');
    await t.createUser('sv_owner', ['sales_rep'], { teams: [ownerTeam] });
    await t.createUser('sv_mate', ['sales_rep'], { teams: [ownerTeam] });
    await t.createUser('sv_stranger', ['sales_rep'], { teams: [otherTeam] });
    await t.createUser('sv_admin', ['admin']);
    await t.createUser('sv_noaccess', []);
    owner = (await t.login('sv_owner')).token;
    teammate = (await t.login('sv_mate')).token;
    stranger = (await t.login('sv_stranger')).token;
    lead = (await t.login('sv_lead')).token;
    admin = (await t.login('sv_admin')).token;
    const field = await as(admin).post('/api/v1/custom-fields', {
      entity: 'contact', key: 'segment', type: 'select', labels: { en: 'Segment' }, options: [{ value: 'vip', labels: { en: 'VIP' } }],
    });
    expect(field.status).toBe(201);
  });
  afterAll(() => t.close());

  it('keeps a private view to its owner: others neither see, read, change nor delete it', async () => {
    const created = await as(owner).post('/api/v1/saved-views', {
      entity: 'contact', name: '  Mənim VIP-lərim ', query: { q: 'Bakı', sort: 'name', cf: ['segment:eq:vip'], filters: { mine: '1' }, columns: ['name', 'phone'] },
    });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ name: 'Mənim VIP-lərim', teamId: null, teamName: null, mine: true, ownerName: 'sv_owner', version: 1 });
    expect(created.body.query).toEqual({ q: 'Bakı', sort: 'name', cf: ['segment:eq:vip'], filters: { mine: '1' }, columns: ['name', 'phone'] });
    const id = created.body.id;

    expect(await namesSeenBy(owner)).toEqual(['Mənim VIP-lərim']);
    for (const other of [teammate, stranger, lead]) {
      expect(await namesSeenBy(other)).toEqual([]);
      expect((await as(other).get(`/api/v1/saved-views/${id}`)).status).toBe(404);
      expect((await as(other).patch(`/api/v1/saved-views/${id}`, { name: 'Taken over' }, 1)).status).toBe(404);
      expect((await as(other).delete(`/api/v1/saved-views/${id}`, 1)).status).toBe(404);
    }
    const [{ name }] = await t.dataSource.query('SELECT name FROM saved_views WHERE id = $1', [id]);
    expect(name).toBe('Mənim VIP-lərim');
  });

  it('shows a view shared with a team to its members and lead, who cannot change it', async () => {
    const created = await as(owner).post('/api/v1/saved-views', { entity: 'contact', name: 'Komanda görünüşü', query: { sort: '-updatedAt' }, teamId: ownerTeam });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ teamId: ownerTeam, teamName: 'Satış — Bakı' });
    const id = created.body.id;

    expect(await namesSeenBy(teammate)).toEqual(['Komanda görünüşü']);
    expect(await namesSeenBy(lead)).toEqual(['Komanda görünüşü']);
    expect(await namesSeenBy(stranger)).toEqual([]);
    const seen = await as(teammate).get(`/api/v1/saved-views/${id}`);
    expect(seen.body).toMatchObject({ mine: false, ownerName: 'sv_owner' });

    expect((await as(teammate).patch(`/api/v1/saved-views/${id}`, { name: 'Mine now' }, 1)).status).toBe(403);
    expect((await as(lead).delete(`/api/v1/saved-views/${id}`, 1)).status).toBe(403);
    expect((await as(stranger).patch(`/api/v1/saved-views/${id}`, { name: 'Mine now' }, 1)).status).toBe(404);
    const [{ name, version }] = await t.dataSource.query('SELECT name, version FROM saved_views WHERE id = $1', [id]);
    expect({ name, version }).toEqual({ name: 'Komanda görünüşü', version: 1 });

    const unshared = await as(owner).patch(`/api/v1/saved-views/${id}`, { teamId: null }, 1);
    expect(unshared.status).toBe(200);
    expect(await namesSeenBy(teammate)).toEqual([]);
  });

  it('shares only with a team the owner belongs to', async () => {
    const foreign = await as(owner).post('/api/v1/saved-views', { entity: 'contact', name: 'Elsewhere', query: {}, teamId: otherTeam });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([{ field: 'teamId', message: 'must be a team you are a member or lead of' }]);
    const asLead = await as(lead).post('/api/v1/saved-views', { entity: 'contact', name: 'Lead view', query: {}, teamId: ownerTeam });
    expect(asLead.status).toBe(201);
    const moved = await as(lead).patch(`/api/v1/saved-views/${asLead.body.id}`, { teamId: otherTeam }, 1);
    expect(moved.body.errors[0].field).toBe('teamId');
  });

  it('validates the view and its query, naming the field', async () => {
    const bad = await as(owner).post('/api/v1/saved-views', { entity: 'invoice', name: '', query: { colour: 'red' }, owner: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['entity', 'name', 'query.colour', 'owner']));
    const badFilter = await as(owner).post('/api/v1/saved-views', { entity: 'contact', name: 'Bad', query: { cf: ['segment:eq:gold'] } });
    expect(badFilter.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.cf']);
    const badOther = await as(owner).post('/api/v1/saved-views', { entity: 'contact', name: 'Bad', query: { filters: { mine: 1 } } });
    expect(badOther.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.filters']);
    const noAccess = (await t.login('sv_noaccess')).token;
    expect((await as(noAccess).get('/api/v1/saved-views?entity=contact')).status).toBe(403);
    expect((await as(noAccess).post('/api/v1/saved-views', { entity: 'contact', name: 'X', query: {} })).status).toBe(403);
  });

  it('renames and deletes with optimistic locking, and lets admins delete any view', async () => {
    const created = await as(owner).post('/api/v1/saved-views', { entity: 'contact', name: 'Rename me', query: {} });
    const id = created.body.id;
    expect((await as(owner).patch(`/api/v1/saved-views/${id}`, { name: 'Renamed' })).status).toBe(428);
    const renamed = await as(owner).patch(`/api/v1/saved-views/${id}`, { name: 'Renamed' }, 1);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed', version: 2 });
    expect((await as(owner).patch(`/api/v1/saved-views/${id}`, { name: 'Lost' }, 1)).status).toBe(412);
    expect((await as(owner).delete(`/api/v1/saved-views/${id}`, 1)).status).toBe(412);
    expect((await as(owner).delete(`/api/v1/saved-views/${id}`, 2)).status).toBe(204);
    expect((await as(owner).get(`/api/v1/saved-views/${id}`)).status).toBe(404);

    const other = await as(stranger).post('/api/v1/saved-views', { entity: 'contact', name: 'Admin removes this', query: {} });
    expect(await namesSeenBy(admin)).not.toContain('Admin removes this');
    expect((await as(admin).delete(`/api/v1/saved-views/${other.body.id}`, 1)).status).toBe(204);
    expect(await namesSeenBy(stranger)).not.toContain('Admin removes this');
  });

  it('records who created and changed a view in the audit trail', async () => {
    const created = await as(owner).post('/api/v1/saved-views', { entity: 'company', name: 'Audited view', query: {} });
    await as(owner).patch(`/api/v1/saved-views/${created.body.id}`, { name: 'Audited view 2' }, 1);
    const events = await t.dataSource.query(
      `SELECT e.action, u.login, e.changes FROM audit.events e JOIN users u ON u.id = e.actor_id
        WHERE e.table_name = 'saved_views' AND e.record_id = $1 ORDER BY e.id`,
      [created.body.id],
    );
    expect(events.map((e: { action: string; login: string }) => `${e.action}:${e.login}`)).toEqual(['insert:sv_owner', 'update:sv_owner']);
    expect(events[1].changes.name).toEqual({ old: 'Audited view', new: 'Audited view 2' });
  });
});
