import { createTestApp, TestApp } from './test-app';

describe('custom fields', () => {
  let t: TestApp;
  let admin: string;
  let rep: string;
  let otherRep: string;
  let auditor: string;

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
  const fieldsOf = (res: { body: { errors?: { field: string }[] } }): string[] => (res.body.errors ?? []).map((e) => e.field);

  const define = async (body: object): Promise<{ id: string; version: number }> => {
    const res = await as(admin).post('/api/v1/custom-fields', { entity: 'contact', ...body });
    expect({ status: res.status, body: res.status === 201 ? undefined : res.body }).toEqual({ status: 201 });
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.createUser('cf_admin', ['admin']);
    await t.createUser('cf_rep', ['sales_rep']);
    await t.createUser('cf_rep2', ['sales_rep']);
    await t.createUser('cf_auditor', ['auditor']);
    admin = (await t.login('cf_admin')).token;
    rep = (await t.login('cf_rep')).token;
    otherRep = (await t.login('cf_rep2')).token;
    auditor = (await t.login('cf_auditor')).token;

    await define({
      key: 'segment', type: 'select', required: true, labels: { az: 'Seqment', tr: 'Segment', en: 'Segment', ru: 'Сегмент' },
      options: [{ value: 'vip', labels: { az: 'VIP', en: 'VIP' } }, { value: 'retail', labels: { az: 'Pərakəndə', en: 'Retail' } }, { value: 'gov', labels: { en: 'Government' } }],
    });
    await define({ key: 'budget', type: 'money', labels: { en: 'Budget' } });
    await define({ key: 'employees', type: 'number', labels: { en: 'Employees' } });
    await define({ key: 'first_order', type: 'date', labels: { en: 'First order' } });
    await define({ key: 'interests', type: 'multiselect', labels: { en: 'Interests' }, options: [{ value: 'crm', labels: { en: 'CRM' } }, { value: 'erp', labels: { en: 'ERP' } }] });
    await define({ key: 'newsletter', type: 'checkbox', labels: { en: 'Newsletter' } });
    await define({ key: 'site', type: 'url', labels: { en: 'Site' } });
    await define({ key: 'mobile', type: 'phone', labels: { en: 'Mobile' } });
    await define({ key: 'billing_email', type: 'email', labels: { en: 'Billing e-mail' } });
    await define({ key: 'notes', type: 'text', labels: { en: 'Notes' } });
  });
  afterAll(() => t.close());

  describe('definitions', () => {
    it('lists them in form order to anyone who may read the entity, and changes them only with manage Settings', async () => {
      const listed = await as(rep).get('/api/v1/custom-fields?entity=contact');
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((f: { key: string }) => f.key)).toEqual([
        'segment', 'budget', 'employees', 'first_order', 'interests', 'newsletter', 'site', 'mobile', 'billing_email', 'notes',
      ]);
      expect(listed.body.items[0]).toMatchObject({ type: 'select', required: true, position: 0, active: true, labels: { az: 'Seqment' } });
      expect((await as(auditor).get('/api/v1/custom-fields?entity=company')).status).toBe(200);
      expect((await as(rep).get('/api/v1/custom-fields?entity=person')).body.errors[0].field).toBe('entity');

      const denied = await as(rep).post('/api/v1/custom-fields', { entity: 'contact', key: 'sneaky', type: 'text', labels: { en: 'Sneaky' } });
      expect(denied.status).toBe(403);
      const id = listed.body.items[0].id;
      expect((await as(rep).get(`/api/v1/custom-fields/${id}`)).status).toBe(403);
      expect((await as(rep).patch(`/api/v1/custom-fields/${id}`, { required: false }, 1)).status).toBe(403);
      expect((await as(auditor).delete(`/api/v1/custom-fields/${id}`, 1)).status).toBe(403);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM custom_field_definitions WHERE key = 'sneaky'`);
      expect(n).toBe(0);
    });

    it('rejects bad definitions naming the field', async () => {
      const bad = await as(admin).post('/api/v1/custom-fields', { entity: 'contact', key: 'Bad Key', type: 'colour', labels: {}, extra: 1 });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['key', 'type', 'extra']));
      const noLabel = await as(admin).post('/api/v1/custom-fields', { entity: 'contact', key: 'nolabel', type: 'text', labels: { az: '  ' } });
      expect(fieldsOf(noLabel)).toEqual(['labels']);
      const noOptions = await as(admin).post('/api/v1/custom-fields', { entity: 'contact', key: 'pick', type: 'select', labels: { en: 'Pick' } });
      expect(fieldsOf(noOptions)).toEqual(['options']);
      const twice = await as(admin).post('/api/v1/custom-fields', {
        entity: 'contact', key: 'pick', type: 'select', labels: { en: 'Pick' }, options: [{ value: 'a', labels: { en: 'A' } }, { value: 'a', labels: { en: 'A again' } }],
      });
      expect(twice.body.errors).toEqual([{ field: 'options', message: 'values must be unique: a' }]);
      const taken = await as(admin).post('/api/v1/custom-fields', { entity: 'contact', key: 'segment', type: 'text', labels: { en: 'Again' } });
      expect(taken.status).toBe(409);
      expect(fieldsOf(taken)).toEqual(['key']);
    });

    it('keeps key and type as created and changes the rest with optimistic locking', async () => {
      const field = await define({ key: 'region', type: 'text', labels: { en: 'Region' } });
      const keyChange = await as(admin).patch(`/api/v1/custom-fields/${field.id}`, { key: 'area' }, 1);
      expect(keyChange.status).toBe(400);
      expect(fieldsOf(keyChange)).toEqual(['key']);
      expect((await as(admin).patch(`/api/v1/custom-fields/${field.id}`, { position: 50 })).status).toBe(428);
      const changed = await as(admin).patch(`/api/v1/custom-fields/${field.id}`, { labels: { az: 'Region', en: 'Region' }, position: 50 }, 1);
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).toBe('"2"');
      expect(changed.body).toMatchObject({ key: 'region', type: 'text', position: 50, version: 2 });
      const stale = await as(admin).patch(`/api/v1/custom-fields/${field.id}`, { required: true }, 1);
      expect(stale.status).toBe(412);
      expect((await as(admin).get(`/api/v1/custom-fields/${field.id}`)).body.required).toBe(false);
      expect((await as(admin).delete(`/api/v1/custom-fields/${field.id}`, 2)).status).toBe(204);
      expect((await as(admin).get(`/api/v1/custom-fields/${field.id}`)).status).toBe(404);
    });

    it('records who changed a definition in the audit trail', async () => {
      const field = await define({ key: 'audited', type: 'text', labels: { en: 'Audited' } });
      await as(admin).patch(`/api/v1/custom-fields/${field.id}`, { position: 77 }, 1);
      const events = await t.dataSource.query(
        `SELECT e.action, u.login, e.changes FROM audit.events e JOIN users u ON u.id = e.actor_id
          WHERE e.table_name = 'custom_field_definitions' AND e.record_id = $1 ORDER BY e.id`,
        [field.id],
      );
      expect(events.map((e: { action: string; login: string }) => `${e.action}:${e.login}`)).toEqual(['insert:cf_admin', 'update:cf_admin']);
      expect(events[1].changes.position).toEqual({ old: 10, new: 77 });
    });
  });

  describe('values on contacts', () => {
    it('normalises every type and answers bad values naming custom.<key>', async () => {
      const created = await as(rep).post('/api/v1/contacts', {
        name: 'Custom Values',
        custom: {
          segment: 'vip', budget: { amount: '1500.50', currency: 'AZN' }, employees: 42, first_order: '2024-02-29',
          interests: ['erp', 'crm'], newsletter: true, site: 'https://example.az', mobile: '050 123 45 67',
          billing_email: 'Pay@Example.AZ', notes: '  hello  ',
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.custom).toEqual({
        segment: 'vip', budget: { amount: 1500.5, currency: 'AZN' }, employees: 42, first_order: '2024-02-29',
        interests: ['crm', 'erp'], newsletter: true, site: 'https://example.az', mobile: '+994501234567',
        billing_email: 'pay@example.az', notes: 'hello',
      });

      const bad = await as(rep).post('/api/v1/contacts', {
        name: 'Bad Values',
        custom: {
          segment: 'platinum', budget: { amount: 5, currency: 'GBP' }, employees: 'many', first_order: '2023-02-29',
          interests: ['crm', 'crm'], newsletter: 'yes', site: 'ftp://example.az', mobile: '12', billing_email: 'nope', colour: 'red',
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fieldsOf(bad).sort()).toEqual([
        'custom.billing_email', 'custom.budget', 'custom.colour', 'custom.employees', 'custom.first_order', 'custom.interests',
        'custom.mobile', 'custom.newsletter', 'custom.segment', 'custom.site',
      ]);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM contacts WHERE name = 'Bad Values'`);
      expect(n).toBe(0);
    });

    it('checks required fields on create and when a change clears them; a change merges into the stored values', async () => {
      const missing = await as(rep).post('/api/v1/contacts', { name: 'No Segment' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([{ field: 'custom.segment', message: 'is required' }]);

      const created = await as(rep).post('/api/v1/contacts', { name: 'Merge Me', custom: { segment: 'retail', employees: 3 } });
      const id = created.body.id;
      const renamed = await as(rep).patch(`/api/v1/contacts/${id}`, { name: 'Merged' }, 1);
      expect(renamed.status).toBe(200);
      const merged = await as(rep).patch(`/api/v1/contacts/${id}`, { custom: { employees: null, newsletter: false } }, 2);
      expect(merged.status).toBe(200);
      expect(merged.body.custom).toEqual({ segment: 'retail', newsletter: false });
      const cleared = await as(rep).patch(`/api/v1/contacts/${id}`, { custom: { segment: '' } }, 3);
      expect(cleared.status).toBe(400);
      expect(fieldsOf(cleared)).toEqual(['custom.segment']);
      expect((await as(rep).get(`/api/v1/contacts/${id}`)).body.custom.segment).toBe('retail');
    });

    it('keeps values of a deactivated field, refuses to delete a field in use, and refuses to drop options in use', async () => {
      const field = await define({ key: 'legacy_code', type: 'text', labels: { en: 'Legacy code' } });
      const contact = await as(rep).post('/api/v1/contacts', { name: 'Legacy Holder', custom: { segment: 'gov', legacy_code: 'L-1' } });
      expect(contact.status).toBe(201);

      const refused = await as(admin).delete(`/api/v1/custom-fields/${field.id}`, 1);
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/deactivate/);
      const deactivated = await as(admin).patch(`/api/v1/custom-fields/${field.id}`, { active: false }, 1);
      expect(deactivated.body.active).toBe(false);

      const id = contact.body.id;
      const kept = await as(rep).patch(`/api/v1/contacts/${id}`, { name: 'Legacy Holder 2', custom: { legacy_code: 'L-1', segment: 'vip' } }, 1);
      expect(kept.status).toBe(200);
      expect(kept.body.custom).toEqual({ segment: 'vip', legacy_code: 'L-1' });
      const changed = await as(rep).patch(`/api/v1/contacts/${id}`, { custom: { legacy_code: 'L-2' } }, 2);
      expect(changed.body.errors).toEqual([{ field: 'custom.legacy_code', message: 'is no longer in use' }]);

      const segment = (await as(admin).get('/api/v1/custom-fields?entity=contact')).body.items.find((f: { key: string }) => f.key === 'segment');
      const dropVip = await as(admin).patch(`/api/v1/custom-fields/${segment.id}`, { options: segment.options.filter((o: { value: string }) => o.value !== 'vip') }, segment.version);
      expect(dropVip.status).toBe(400);
      expect(dropVip.body.errors).toEqual([{ field: 'options', message: 'records still choose vip; change them first' }]);
    });
  });

  describe('list filters', () => {
    const names = async (token: string, cf: string[], extra: Record<string, string> = {}): Promise<string[]> => {
      const res = await as(token).get('/api/v1/contacts').query({ q: 'Filter', sort: 'name', ...extra, cf });
      expect(res.status).toBe(200);
      return res.body.items.map((c: { name: string }) => c.name);
    };

    beforeAll(async () => {
      const make = (token: string, name: string, custom: object) => as(token).post('/api/v1/contacts', { name, custom });
      await make(rep, 'Filter A', { segment: 'vip', budget: { amount: 100, currency: 'AZN' }, employees: 5, first_order: '2024-01-10', interests: ['crm'], newsletter: true, notes: 'Bakıda ofis' });
      await make(rep, 'Filter B', { segment: 'retail', budget: { amount: 2500, currency: 'USD' }, employees: 50, first_order: '2024-06-01', interests: ['crm', 'erp'] });
      await make(rep, 'Filter C', { segment: 'gov', employees: 500, newsletter: false, mobile: '+994551112233' });
      await make(otherRep, 'Filter D', { segment: 'vip' });
    });

    it('filters by equality, membership, ranges, text and emptiness', async () => {
      expect(await names(rep, ['segment:eq:vip'])).toEqual(['Filter A']);
      expect(await names(rep, ['segment:in:vip,gov'])).toEqual(['Filter A', 'Filter C']);
      expect(await names(rep, ['interests:eq:erp'])).toEqual(['Filter B']);
      expect(await names(rep, ['interests:in:crm,erp'])).toEqual(['Filter A', 'Filter B']);
      expect(await names(rep, ['employees:gte:50'])).toEqual(['Filter B', 'Filter C']);
      expect(await names(rep, ['employees:gte:10', 'employees:lte:100'])).toEqual(['Filter B']);
      expect(await names(rep, ['employees:eq:5'])).toEqual(['Filter A']);
      expect(await names(rep, ['budget:gte:1000'])).toEqual(['Filter B']);
      expect(await names(rep, ['first_order:lte:2024-03-01'])).toEqual(['Filter A']);
      expect(await names(rep, ['newsletter:eq:false'])).toEqual(['Filter C']);
      expect(await names(rep, ['notes:contains:baki'])).toEqual(['Filter A']);
      expect(await names(rep, ['mobile:eq:055 111 22 33'])).toEqual(['Filter C']);
      expect(await names(rep, ['budget:empty:true'])).toEqual(['Filter C']);
      expect(await names(rep, ['interests:empty:false', 'segment:eq:retail'])).toEqual(['Filter B']);
    });

    it('applies the permission rules before the filter, and counts what matches', async () => {
      expect(await names(otherRep, ['segment:eq:vip'])).toEqual(['Filter D']);
      const counted = await as(admin).get('/api/v1/contacts').query({ q: 'Filter', cf: 'segment:eq:vip', count: 'true' });
      expect(counted.body.total).toBe(2);
    });

    it('uses the GIN index on custom for containment', async () => {
      const plan: { 'QUERY PLAN': string }[] = await t.dataSource.transaction(async (manager) => {
        await manager.query('SET LOCAL enable_seqscan = off');
        return manager.query(`EXPLAIN SELECT id FROM contacts c WHERE c.custom @> $1::jsonb`, ['{"segment":"vip"}']);
      });
      expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/contacts_custom/);
    });

    it('answers a bad filter with 400 naming cf', async () => {
      for (const cf of ['nokey:eq:1', 'segment:like:vip', 'segment', 'segment:eq:platinum', 'employees:gte:many', 'segment:gte:vip', 'first_order:eq:2024-13-01', 'newsletter:empty:maybe']) {
        const res = await as(rep).get('/api/v1/contacts').query({ cf });
        expect({ cf, status: res.status, fields: fieldsOf(res) }).toEqual({ cf, status: 400, fields: ['cf'] });
      }
    });
  });
});
