import { inActorTransaction, SYSTEM_CONTEXT } from '../src/common/database/actor-transaction';
import { tableChecksums } from './support';
import { createTestApp, TestApp, TestUser } from './test-app';

describe('merging duplicates', () => {
  let t: TestApp;
  let manager: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let agent: TestUser;
  const tokens: Record<string, string> = {};

  interface Seed {
    name: string;
    owner: TestUser;
    points?: { kind: string; value: string }[];
    tags?: string[];
    custom?: Record<string, unknown>;
    extra?: Record<string, unknown>;
  }

  /** A contact or company with contact points, written in SQL as the records API stores it. */
  async function record(table: 'contacts' | 'companies', seed: Seed): Promise<string> {
    return inActorTransaction(t.dataSource, SYSTEM_CONTEXT, async (m) => {
      const columns = { name: seed.name, owner_id: seed.owner.id, tags: seed.tags ?? [], custom: JSON.stringify(seed.custom ?? {}), ...seed.extra };
      const names = Object.keys(columns);
      const [{ id }] = await m.query(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        Object.values(columns),
      );
      const column = table === 'contacts' ? 'contact_id' : 'company_id';
      for (const [position, point] of (seed.points ?? []).entries()) {
        await m.query(`INSERT INTO contact_points (${column}, kind, value, is_primary, position) VALUES ($1, $2, $3, $4, $5)`, [id, point.kind, point.value, !(seed.points ?? []).slice(0, position).some((p) => p.kind === point.kind), position]);
      }
      const primary = (kind: string): string | null => seed.points?.find((p) => p.kind === kind)?.value ?? null;
      await m.query(`UPDATE ${table} SET email = $2, phone = $3 WHERE id = $1`, [id, primary('email'), primary('phone')]);
      await m.query(`UPDATE ${table} SET search_text = ${table === 'contacts' ? 'contact' : 'company'}_search_document(id) WHERE id = $1`, [id]);
      return id as string;
    });
  }

  const link = (contactId: string, companyId: string, isPrimary = false): Promise<unknown> =>
    t.dataSource.query('INSERT INTO contact_companies (contact_id, company_id, is_primary) VALUES ($1, $2, $3)', [contactId, companyId, isPrimary]);
  const activity = async (column: 'contact_id' | 'company_id', id: string, owner: TestUser): Promise<string> =>
    (await t.dataSource.query(`INSERT INTO activities (kind, subject, ${column}, owner_id) VALUES ('call', 'Zəng', $1, $2) RETURNING id`, [id, owner.id]))[0].id;
  const attachment = async (column: 'contact_id' | 'company_id', id: string): Promise<string> =>
    (await t.dataSource.query(
      `INSERT INTO attachments (${column}, file_name, content_type, size_bytes, sha256, storage_key) VALUES ($1, 'müqavilə.pdf', 'application/pdf', 10, repeat('a', 64), gen_random_uuid()::text) RETURNING id`,
      [id],
    ))[0].id;
  const merge = (who: string, entity: 'contacts' | 'companies', survivorId: string, body: object, ifMatch?: string) => {
    const req = t.http().post(`/api/v1/${entity}/${survivorId}/merge`).auth(tokens[who], { type: 'bearer' });
    return (ifMatch ? req.set('If-Match', ifMatch) : req).send(body);
  };
  const pointsOf = async (column: string, id: string): Promise<string[]> =>
    (await t.dataSource.query(`SELECT kind || ':' || value || (CASE WHEN is_primary THEN '*' ELSE '' END) AS p FROM contact_points WHERE ${column} = $1 ORDER BY position`, [id])).map((r: { p: string }) => r.p);

  beforeAll(async () => {
    t = await createTestApp();
    manager = await t.createUser('merge-manager', ['manager']);
    repA = await t.createUser('merge-rep-a', ['sales_rep']);
    repB = await t.createUser('merge-rep-b', ['sales_rep']);
    agent = await t.createUser('merge-agent', ['service_agent']);
    for (const login of ['merge-manager', 'merge-rep-a', 'merge-rep-b', 'merge-agent']) {
      tokens[login] = (await t.login(login)).token;
    }
  });
  afterAll(() => t.close());

  it('merges a contact into the survivor: chosen fields, points, links, activities, attachments, tags, custom values, audit', async () => {
    const company = await record('companies', { name: 'Xəzər Ticarət MMC', owner: manager });
    const otherCompany = await record('companies', { name: 'Bakı Lojistik', owner: manager });
    const survivor = await record('contacts', {
      name: 'Memmedov E.', owner: repA, tags: ['vip'], custom: { city: 'Bakı', segment: '' },
      points: [{ kind: 'email', value: 'elchin@example.az' }, { kind: 'phone', value: '+994501234567' }],
    });
    const merged = await record('contacts', {
      name: 'Məmmədov Elçin', owner: repA, tags: ['vip', 'b2b'], custom: { city: 'Gəncə', segment: 'retail', size: 3 },
      points: [{ kind: 'phone', value: '+994557654321' }, { kind: 'email', value: 'elchin@example.az' }],
      extra: { source: 'website', next_step: 'Təklif göndərmək' },
    });
    await link(survivor, company, true);
    await link(merged, company, true);
    await link(merged, otherCompany);
    const call = await activity('contact_id', merged, repA);
    const file = await attachment('contact_id', merged);

    const preview = await t.http().get(`/api/v1/contacts/${survivor}/merge-preview`).query({ with: merged }).auth(tokens['merge-rep-a'], { type: 'bearer' });
    expect(preview.status).toBe(200);
    expect(preview.body.records.map((r: { id: string; counts: object }) => [r.id, r.counts])).toEqual([
      [survivor, { points: 2, links: 1, activities: 0, attachments: 0, deals: 0, tasks: 0 }],
      [merged, { points: 2, links: 2, activities: 1, attachments: 1, deals: 0, tasks: 0 }],
    ]);
    expect(preview.body.records[1].values).toMatchObject({ name: 'Məmmədov Elçin', source: 'website', phone: '+994557654321' });

    const response = await merge('merge-rep-a', 'contacts', survivor, { mergedIds: [merged], fields: { name: merged } }, '"1"');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ survivorId: survivor, mergedIds: [merged], version: 2, moved: { points: 1, links: 1, activities: 1, attachments: 1, deals: 0, tasks: 0 } });

    const [row] = await t.dataSource.query('SELECT name, email, phone, tags, custom, source, next_step, version, search_text FROM contacts WHERE id = $1', [survivor]);
    expect(row).toMatchObject({
      name: 'Məmmədov Elçin', email: 'elchin@example.az', phone: '+994501234567', tags: ['vip', 'b2b'],
      custom: { city: 'Bakı', segment: 'retail', size: 3 }, source: 'website', next_step: 'Təklif göndərmək', version: 2,
    });
    expect(row.search_text).toContain('994557654321');
    expect(row.search_text).toContain('bakı lojistik'.replace('ı', 'i'));
    expect(await pointsOf('contact_id', survivor)).toEqual(['email:elchin@example.az*', 'phone:+994501234567*', 'phone:+994557654321']);
    expect(await t.dataSource.query('SELECT company_id, is_primary FROM contact_companies WHERE contact_id = $1 ORDER BY is_primary DESC', [survivor])).toEqual([
      { company_id: company, is_primary: true }, { company_id: otherCompany, is_primary: false },
    ]);
    expect((await t.dataSource.query('SELECT contact_id FROM activities WHERE id = $1', [call]))[0].contact_id).toBe(survivor);
    expect((await t.dataSource.query('SELECT contact_id FROM attachments WHERE id = $1', [file]))[0].contact_id).toBe(survivor);
    expect(await t.dataSource.query('SELECT id FROM contacts WHERE id = $1', [merged])).toEqual([]);
    expect(await t.dataSource.query('SELECT entity, survivor_id, merged_by FROM merged_records WHERE merged_id = $1', [merged])).toEqual([{ entity: 'contact', survivor_id: survivor, merged_by: repA.id }]);

    const [event] = await t.dataSource.query(`SELECT actor_id, table_name, record_id, details FROM audit.events WHERE action = 'contact.merged'`);
    expect(event).toEqual({
      actor_id: repA.id, table_name: 'contacts', record_id: survivor,
      details: { survivorId: survivor, mergedIds: [merged], fields: { name: merged }, moved: { points: 1, links: 1, activities: 1, attachments: 1, deals: 0, tasks: 0 } },
    });
    const deleted = await t.dataSource.query(`SELECT actor_id FROM audit.events WHERE table_name = 'contacts' AND record_id = $1 AND action = 'delete'`, [merged]);
    expect(deleted).toEqual([{ actor_id: repA.id }]);
    const moved = await t.dataSource.query(`SELECT actor_id FROM audit.events WHERE table_name = 'activities' AND record_id = $1 AND action = 'update'`, [call]);
    expect(moved).toEqual([{ actor_id: repA.id }]);
  });

  it('answers a merged-away id with 308 to the survivor, also after the survivor is merged again', async () => {
    const a = await record('contacts', { name: 'Survivor Aysel', owner: repA });
    const b = await record('contacts', { name: 'Merged Aysel', owner: repA });
    const c = await record('contacts', { name: 'Merged Aysel 2', owner: repA });
    expect((await merge('merge-rep-a', 'contacts', b, { mergedIds: [c], version: 1 })).status).toBe(200);
    expect((await merge('merge-rep-a', 'contacts', a, { mergedIds: [b], version: 1 })).status).toBe(200);
    for (const old of [b, c]) {
      const got = await t.http().get(`/api/v1/contacts/${old}`).auth(tokens['merge-rep-a'], { type: 'bearer' }).redirects(0);
      expect(got.status).toBe(308);
      expect(got.headers.location).toBe(`/api/v1/contacts/${a}`);
    }
    const followed = await t.http().get(`/api/v1/contacts/${c}`).auth(tokens['merge-rep-a'], { type: 'bearer' }).redirects(1);
    expect(followed.status).toBe(200);
    expect(followed.body).toMatchObject({ id: a, name: 'Survivor Aysel' });
    // Someone who may not read the survivor learns nothing.
    const hidden = await t.http().get(`/api/v1/contacts/${c}`).auth(tokens['merge-rep-b'], { type: 'bearer' }).redirects(0);
    expect(hidden.status).toBe(404);
    expect(hidden.headers['content-type']).toMatch(/application\/problem\+json/);
    const never = await t.http().get('/api/v1/contacts/00000000-0000-4000-8000-000000000000').auth(tokens['merge-rep-a'], { type: 'bearer' });
    expect(never.status).toBe(404);
  });

  it('answers a stale survivor version with 412 and changes nothing; no version at all with 428', async () => {
    const survivor = await record('contacts', { name: 'Stale Survivor', owner: repA, points: [{ kind: 'phone', value: '+994501110000' }] });
    const merged = await record('contacts', { name: 'Stale Merged', owner: repA, points: [{ kind: 'phone', value: '+994501110001' }] });
    await activity('contact_id', merged, repA);
    await t.dataSource.query(`UPDATE contacts SET name = 'Stale Survivor', version = 2 WHERE id = $1`, [survivor]);
    const tables = ['public.contacts', 'public.contact_points', 'public.contact_companies', 'public.activities', 'public.merged_records', 'audit.events'];
    const before = await tableChecksums(t.dataSource, tables);
    const stale = await merge('merge-rep-a', 'contacts', survivor, { mergedIds: [merged], fields: { name: merged } }, '"1"');
    expect(stale.status).toBe(412);
    expect(stale.body.type).toBe('urn:crm:problem:version-mismatch');
    expect((await merge('merge-rep-a', 'contacts', survivor, { mergedIds: [merged], version: 1 })).status).toBe(412);
    const missing = await merge('merge-rep-a', 'contacts', survivor, { mergedIds: [merged] });
    expect(missing.status).toBe(428);
    expect(await tableChecksums(t.dataSource, tables)).toEqual(before);
  });

  it('needs update on the survivor and delete on every merged contact; invisible ones are 404', async () => {
    const mine = await record('contacts', { name: 'Rep A Contact', owner: repA });
    const mineToo = await record('contacts', { name: 'Rep A Contact 2', owner: repA });
    const theirs = await record('contacts', { name: 'Rep B Contact', owner: repB });
    expect((await merge('merge-rep-a', 'contacts', mine, { mergedIds: [theirs], version: 1 })).status).toBe(404);
    expect((await merge('merge-rep-a', 'contacts', theirs, { mergedIds: [mine], version: 1 })).status).toBe(404);
    expect((await t.http().get(`/api/v1/contacts/${mine}/merge-preview?with=${theirs}`).auth(tokens['merge-rep-a'], { type: 'bearer' })).status).toBe(404);
    // A service agent reads every contact and changes their own, but deletes none.
    const agentsOwn = await record('contacts', { name: 'Agent Contact', owner: agent });
    const denied = await merge('merge-agent', 'contacts', agentsOwn, { mergedIds: [mine], version: 1 });
    expect(denied.status).toBe(403);
    expect((await merge('merge-agent', 'contacts', mine, { mergedIds: [mineToo], version: 1 })).status).toBe(403);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM contacts WHERE id = ANY($1)', [[mine, mineToo, theirs, agentsOwn]]))[0].n).toBe(4);
    // Choosing another owner's value for the owner needs the assign permission.
    const sameOwnerTwice = await merge('merge-rep-a', 'contacts', mine, { mergedIds: [mineToo], fields: { ownerId: mineToo }, version: 1 });
    expect(sameOwnerTwice.status).toBe(200);
    expect((await merge('merge-manager', 'contacts', theirs, { mergedIds: [mine], fields: { ownerId: mine }, version: 1 })).status).toBe(200);
    expect((await t.dataSource.query('SELECT owner_id FROM contacts WHERE id = $1', [theirs]))[0].owner_id).toBe(repA.id);
  });

  it('answers bad input with problem+json naming the field', async () => {
    const a = await record('contacts', { name: 'Valid A', owner: repA });
    const b = await record('contacts', { name: 'Valid B', owner: repA });
    const expectField = async (body: object, field: string): Promise<void> => {
      const response = await merge('merge-rep-a', 'contacts', a, { version: 1, ...body });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await expectField({ mergedIds: [] }, 'mergedIds');
    await expectField({ mergedIds: [a] }, 'mergedIds');
    await expectField({ mergedIds: ['nope'] }, 'mergedIds');
    await expectField({ mergedIds: Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`) }, 'mergedIds');
    await expectField({ mergedIds: [b], fields: { colour: b } }, 'fields.colour');
    await expectField({ mergedIds: [b], fields: { name: '00000000-0000-4000-8000-000000000000' } }, 'fields.name');
    await expectField({ mergedIds: [b], extra: 1 }, 'extra');
    expect((await t.http().get(`/api/v1/contacts/${a}/merge-preview`).auth(tokens['merge-rep-a'], { type: 'bearer' })).body.errors[0].field).toBe('with');
    expect((await t.http().post(`/api/v1/contacts/${a}/merge`).send({ mergedIds: [b], version: 1 })).status).toBe(401);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM contacts WHERE id = ANY($1)', [[a, b]]))[0].n).toBe(2);
  });

  it('merges companies: contact links without duplicates, points, activities, attachments, the chosen tax id', async () => {
    const survivor = await record('companies', { name: 'Şirvan Logistika', owner: repA, points: [{ kind: 'phone', value: '+994124441122' }], extra: { tax_id: null } });
    const merged = await record('companies', { name: 'Shirvan Logistics LLC', owner: repA, points: [{ kind: 'phone', value: '+994124441122' }, { kind: 'email', value: 'info@shirvan.az' }], extra: { tax_id: '1234567891', industry: 'logistics' } });
    const both = await record('contacts', { name: 'Linked Both', owner: repA });
    const onlyMerged = await record('contacts', { name: 'Linked Merged', owner: repA });
    await link(both, survivor);
    await link(both, merged, true);
    await link(onlyMerged, merged, true);
    const call = await activity('company_id', merged, repA);
    await attachment('company_id', merged);
    const denied = await merge('merge-rep-b', 'companies', survivor, { mergedIds: [merged], version: 1 });
    expect(denied.status).toBe(404);
    const response = await merge('merge-rep-a', 'companies', survivor, { mergedIds: [merged], fields: { name: survivor }, version: 1 });
    expect(response.status).toBe(200);
    expect(response.body.moved).toEqual({ points: 1, links: 1, activities: 1, attachments: 1, deals: 0, tasks: 0 });
    const [row] = await t.dataSource.query('SELECT name, tax_id, industry, email FROM companies WHERE id = $1', [survivor]);
    expect(row).toEqual({ name: 'Şirvan Logistika', tax_id: '1234567891', industry: 'logistics', email: 'info@shirvan.az' });
    expect(await pointsOf('company_id', survivor)).toEqual(['phone:+994124441122*', 'email:info@shirvan.az*']);
    expect(await t.dataSource.query('SELECT contact_id, is_primary FROM contact_companies WHERE company_id = $1 ORDER BY contact_id', [survivor])).toEqual(
      [{ contact_id: both, is_primary: true }, { contact_id: onlyMerged, is_primary: true }].sort((x, y) => x.contact_id.localeCompare(y.contact_id)),
    );
    expect((await t.dataSource.query('SELECT company_id FROM activities WHERE id = $1', [call]))[0].company_id).toBe(survivor);
    expect((await t.dataSource.query('SELECT search_text FROM contacts WHERE id = $1', [onlyMerged]))[0].search_text).toContain('sirvan logistika');
    expect(await t.dataSource.query(`SELECT actor_id, record_id FROM audit.events WHERE action = 'company.merged'`)).toEqual([{ actor_id: repA.id, record_id: survivor }]);
    expect(await t.dataSource.query('SELECT survivor_id FROM merged_records WHERE merged_id = $1', [merged])).toEqual([{ survivor_id: survivor }]);
  });
});
