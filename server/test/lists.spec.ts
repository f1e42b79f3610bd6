import { parse } from 'csv-parse/sync';
import type { Response } from 'supertest';
import { createTestApp, TestApp, TestUser } from './test-app';

/**
 * What the customer lists offer around owners: the users to filter by and to give records to
 * (per role), and the owner filter with several owners, which never widens what the role may read.
 */
describe('customer lists: owners', () => {
  let t: TestApp;
  const users: Record<string, TestUser> = {};
  const tokens: Record<string, string> = {};
  const contactOf: Record<string, string> = {};
  const companyOf: Record<string, string> = {};

  const get = (login: string, path: string, query: Record<string, unknown> = {}): Promise<Response> =>
    t.http().get(path).query(query).auth(tokens[login], { type: 'bearer' });
  /** Names in any order: the order by name follows the database's collation. */
  const namesOf = (res: Response): string[] => res.body.items.map((u: { displayName: string }) => u.displayName).sort();

  beforeAll(async () => {
    t = await createTestApp();
    const teamA = await t.createTeam('Satış A');
    const teamB = await t.createTeam('Satış B');
    users.lead = await t.createUser('ls.lead', ['team_lead'], { teams: [teamA] });
    users.repA = await t.createUser('ls.repa', ['sales_rep'], { teams: [teamA] });
    users.repA2 = await t.createUser('ls.repa2', ['sales_rep'], { teams: [teamA] });
    users.gone = await t.createUser('ls.gone', ['sales_rep'], { teams: [teamA] });
    users.repB = await t.createUser('ls.repb', ['sales_rep'], { teams: [teamB] });
    users.manager = await t.createUser('ls.manager', ['manager']);
    users.agent = await t.createUser('ls.agent', ['service_agent']);
    users.marketer = await t.createUser('ls.marketer', ['marketer']);
    users.admin = await t.createUser('ls.admin', ['admin']);
    const names: Record<string, string> = {
      lead: 'Rəhbər Leyla', repA: 'Əliyev Ramil', repA2: 'Məmmədov Şahin', gone: 'Köhnə İşçi', repB: 'Başqa Bəxtiyar',
      manager: 'Menecer Nigar', agent: 'Xidmət Aygün', marketer: 'Marketoloq Orxan', admin: 'Admin Admin',
    };
    for (const [key, name] of Object.entries(names)) {
      await t.dataSource.query('UPDATE users SET display_name = $2 WHERE id = $1', [users[key].id, name]);
    }
    for (const key of Object.keys(users)) {
      tokens[key] = (await t.login(users[key].login)).token;
    }
    await t.dataSource.query('UPDATE users SET active = false WHERE id = $1', [users.gone.id]);
    for (const key of ['repA', 'repA2', 'repB', 'gone']) {
      const contact = await t.http().post('/api/v1/contacts').auth(tokens.manager, { type: 'bearer' }).send({ name: `Sahibli ${key}`, ownerId: users[key].id });
      contactOf[key] = contact.body.id;
      const company = await t.http().post('/api/v1/companies').auth(tokens.manager, { type: 'bearer' }).send({ name: `Sahibli Şirkət ${key}`, ownerId: users[key].id });
      companyOf[key] = company.body.id;
    }
  });
  afterAll(() => t.close());

  describe('the users a list offers', () => {
    it('to a team lead: the members of their teams to filter by, the active ones to give records to', async () => {
      const owners = await get('lead', '/api/v1/contacts/owners');
      expect(owners.status).toBe(200);
      expect(namesOf(owners)).toEqual(['Köhnə İşçi', 'Məmmədov Şahin', 'Rəhbər Leyla', 'Əliyev Ramil']);
      expect(owners.body.items.find((u: { id: string }) => u.id === users.gone.id)).toEqual({ id: users.gone.id, displayName: 'Köhnə İşçi', active: false });
      const assignees = await get('lead', '/api/v1/contacts/assignees');
      expect(namesOf(assignees)).toEqual(['Məmmədov Şahin', 'Rəhbər Leyla', 'Əliyev Ramil']);
      expect(namesOf(await get('lead', '/api/v1/companies/assignees'))).toEqual(['Məmmədov Şahin', 'Rəhbər Leyla', 'Əliyev Ramil']);
      // Someone outside the teams is not offered, not even when asked for by id.
      expect((await get('lead', '/api/v1/contacts/assignees', { id: users.repB.id })).body.items).toEqual([]);
      expect((await get('lead', '/api/v1/contacts/owners', { id: users.repB.id })).body.items).toEqual([]);
    });

    it('to a manager and an admin: everybody, the inactive only to filter by', async () => {
      for (const who of ['manager', 'admin']) {
        const owners = namesOf(await get(who, '/api/v1/contacts/owners', { limit: 200 }));
        expect(owners).toEqual(expect.arrayContaining(['Başqa Bəxtiyar', 'Köhnə İşçi', 'Əliyev Ramil', 'Xidmət Aygün']));
        const assignees = namesOf(await get(who, '/api/v1/companies/assignees', { limit: 200 }));
        expect(assignees).toEqual(expect.arrayContaining(['Başqa Bəxtiyar', 'Əliyev Ramil']));
        expect(assignees).not.toContain('Köhnə İşçi');
      }
    });

    it('to a sales rep: only themselves to filter by, nobody to give records to', async () => {
      expect(namesOf(await get('repA', '/api/v1/contacts/owners', { limit: 200 }))).toEqual(['Əliyev Ramil']);
      expect(namesOf(await get('repA', '/api/v1/companies/owners', { id: [users.repA.id, users.repB.id].join(',') }))).toEqual(['Əliyev Ramil']);
      for (const path of ['/api/v1/contacts/assignees', '/api/v1/companies/assignees']) {
        const refused = await get('repA', path);
        expect(refused.status).toBe(403);
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      const [denied] = await t.dataSource.query(
        `SELECT details FROM audit.events WHERE action = 'permission.denied' AND actor_id = $1 ORDER BY id DESC LIMIT 1`, [users.repA.id]);
      expect(denied.details).toMatchObject({ action: 'assign', subject: 'Company', path: '/api/v1/companies/assignees' });
    });

    it('to roles that read every customer but may not reassign: everybody to filter by, nobody to give to', async () => {
      for (const who of ['agent', 'marketer']) {
        expect(namesOf(await get(who, '/api/v1/contacts/owners', { limit: 200 }))).toEqual(expect.arrayContaining(['Başqa Bəxtiyar', 'Əliyev Ramil']));
        expect((await get(who, '/api/v1/contacts/assignees')).status).toBe(403);
      }
    });

    it('finds users by a part of the name with the letters folded, and limits the answer', async () => {
      expect(namesOf(await get('lead', '/api/v1/contacts/assignees', { q: 'memmedov sah' }))).toEqual(['Məmmədov Şahin']);
      expect(namesOf(await get('lead', '/api/v1/contacts/assignees', { q: 'ls.repa2' }))).toEqual(['Məmmədov Şahin']);
      expect(namesOf(await get('lead', '/api/v1/contacts/assignees', { q: '%' }))).toEqual([]);
      expect(namesOf(await get('manager', '/api/v1/contacts/owners', { limit: 2 }))).toHaveLength(2);
    });

    it('answers bad parameters with problem+json naming the parameter', async () => {
      const badLimit = await get('manager', '/api/v1/contacts/owners', { limit: 0 });
      expect(badLimit.status).toBe(400);
      expect(badLimit.body.errors[0].field).toBe('limit');
      expect((await get('manager', '/api/v1/contacts/assignees', { id: 'someone' })).body.errors[0].field).toBe('id');
      expect((await get('manager', '/api/v1/companies/owners', { colour: 'red' })).body.errors[0].field).toBe('colour');
    });
  });

  describe('the owner filter', () => {
    const ids = (res: Response): string[] => res.body.items.map((r: { id: string }) => r.id).sort();

    it('takes several owners, repeated or as a comma list', async () => {
      const comma = await get('manager', '/api/v1/contacts', { ownerId: `${users.repA.id},${users.repB.id}`, count: true });
      expect(comma.status).toBe(200);
      expect(ids(comma)).toEqual([contactOf.repA, contactOf.repB].sort());
      expect(comma.body.total).toBe(2);
      const repeated = await t.http().get(`/api/v1/contacts?ownerId=${users.repA.id}&ownerId=${users.gone.id}`).auth(tokens.manager, { type: 'bearer' });
      expect(ids(repeated)).toEqual([contactOf.repA, contactOf.gone].sort());
      expect(ids(await get('manager', '/api/v1/contacts', { ownerId: users.repA2.id }))).toEqual([contactOf.repA2]);
      expect(ids(await get('manager', '/api/v1/companies', { ownerId: `${users.repA2.id},${users.repB.id}` }))).toEqual([companyOf.repA2, companyOf.repB].sort());
      const bad = await get('manager', '/api/v1/contacts', { ownerId: `${users.repA.id},nobody` });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('ownerId');
    });

    it('never shows records the role may not read: a rep and a team lead filtering by others see nothing of theirs', async () => {
      const rep = await get('repA', '/api/v1/contacts', { ownerId: users.repB.id, count: true });
      expect(rep.body).toMatchObject({ items: [], total: 0 });
      expect(ids(await get('repA', '/api/v1/contacts', { ownerId: `${users.repA.id},${users.repB.id},${users.repA2.id}` }))).toEqual([contactOf.repA]);
      expect((await get('repA', '/api/v1/companies', { ownerId: users.repB.id, count: true })).body).toMatchObject({ items: [], total: 0 });
      const lead = await get('lead', '/api/v1/contacts', { ownerId: `${users.repB.id},${users.repA2.id}`, count: true });
      expect(ids(lead)).toEqual([contactOf.repA2]);
      expect(lead.body.total).toBe(1);
      expect((await get('lead', '/api/v1/companies', { ownerId: users.repB.id, count: true })).body.total).toBe(0);
    });

    it('applies to exports the same way', async () => {
      const csv = (res: Response): Record<string, string>[] => parse(res.text, { columns: true, bom: true });
      const lead = csv(await get('lead', '/api/v1/contacts/export', { ownerId: `${users.repB.id},${users.repA.id}` }));
      expect(lead.map((row) => row.ID)).toEqual([contactOf.repA]);
      const manager = csv(await get('manager', '/api/v1/contacts/export', { ownerId: `${users.repB.id},${users.repA.id}`, sort: 'name' }));
      expect(manager.map((row) => row.ID)).toEqual([contactOf.repA, contactOf.repB]);
      expect((await get('repA', '/api/v1/contacts/export', { ownerId: users.repA.id })).status).toBe(403);
    });
  });

  describe('saved views of a list', () => {
    it('keep several owners and the columns shown', async () => {
      const owners = Array.from({ length: 60 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).join(',');
      const query = { q: 'Sahibli', filters: { owner: owners, lifecycle: 'lead' }, columns: ['name', 'phone', 'cf.budget'] };
      const created = await t.http().post('/api/v1/saved-views').auth(tokens.lead, { type: 'bearer' }).send({ entity: 'company', name: 'Komandanın şirkətləri', query });
      expect(created.status).toBe(201);
      expect(created.body.query).toEqual(query);
      const listed = await get('lead', '/api/v1/saved-views', { entity: 'company' });
      expect(listed.body.items.map((v: { query: object }) => v.query)).toEqual([query]);
      const tooLong = await t.http().post('/api/v1/saved-views').auth(tokens.lead, { type: 'bearer' })
        .send({ entity: 'company', name: 'Too long', query: { filters: { owner: 'x'.repeat(4001) } } });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.errors[0].field).toBe('query.filters');
    });
  });
});
