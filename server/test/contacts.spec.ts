import { createTestApp, TestApp } from './test-app';

describe('contacts', () => {
  let t: TestApp;
  let token: string;
  const auth = (req: ReturnType<ReturnType<TestApp['http']>['get']>): typeof req => req.auth(token, { type: 'bearer' });

  beforeAll(async () => {
    t = await createTestApp();
    await t.createUser('manager', ['manager']);
    ({ token } = await t.login('manager'));
  });
  afterAll(() => t.close());

  it('creates, reads, updates and deletes with ETag versions', async () => {
    const created = await t.http().post('/api/v1/contacts').auth(token, { type: 'bearer' }).send({ name: '  Həsənova Leyla ', email: 'leyla@example.az', phone: '+994 50 123 45 67' });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ name: 'Həsənova Leyla', email: 'leyla@example.az', version: 1, ownerName: 'manager' });
    const id = created.body.id;

    const got = await auth(t.http().get(`/api/v1/contacts/${id}`));
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBe('"1"');

    const updated = await t.http().patch(`/api/v1/contacts/${id}`).auth(token, { type: 'bearer' }).set('If-Match', '"1"').send({ phone: '+994501112233' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ phone: '+994501112233', version: 2, email: 'leyla@example.az' });

    const stale = await t.http().patch(`/api/v1/contacts/${id}`).auth(token, { type: 'bearer' }).set('If-Match', '"1"').send({ name: 'Lost update' });
    expect(stale.status).toBe(412);
    expect(stale.body.type).toBe('urn:crm:problem:version-mismatch');
    expect((await auth(t.http().get(`/api/v1/contacts/${id}`))).body.name).toBe('Həsənova Leyla');

    const noVersion = await t.http().patch(`/api/v1/contacts/${id}`).auth(token, { type: 'bearer' }).send({ name: 'Who knows' });
    expect(noVersion.status).toBe(428);
    const bodyVersion = await t.http().patch(`/api/v1/contacts/${id}`).auth(token, { type: 'bearer' }).send({ name: 'Həsənova L.', version: 2 });
    expect(bodyVersion.status).toBe(200);

    expect((await t.http().delete(`/api/v1/contacts/${id}`).auth(token, { type: 'bearer' })).status).toBe(428);
    expect((await t.http().delete(`/api/v1/contacts/${id}`).auth(token, { type: 'bearer' }).set('If-Match', '"2"')).status).toBe(412);
    expect((await t.http().delete(`/api/v1/contacts/${id}`).auth(token, { type: 'bearer' }).set('If-Match', '"3"')).status).toBe(204);
    expect((await auth(t.http().get(`/api/v1/contacts/${id}`))).status).toBe(404);
  });

  it('answers bad input with problem+json naming the field, and stores nothing', async () => {
    const res = await t.http().post('/api/v1/contacts').auth(token, { type: 'bearer' }).send({ name: '', email: 'not-an-email', phone: 'call me', extra: true });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'email', 'phone', 'extra']));
    expect((await auth(t.http().get('/api/v1/contacts/not-a-uuid'))).body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    expect((await auth(t.http().get('/api/v1/contacts?sort=colour'))).body.errors[0].field).toBe('sort');
    expect((await auth(t.http().get('/api/v1/contacts?limit=5000'))).body.errors[0].field).toBe('limit');
    expect((await auth(t.http().get('/api/v1/contacts?cursor=garbage'))).body.errors[0].field).toBe('cursor');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM contacts WHERE email = 'not-an-email'`);
    expect(n).toBe(0);
  });

  it('pages with a keyset cursor without gaps or repeats', async () => {
    const names = Array.from({ length: 23 }, (_, i) => `Page Person ${String(i).padStart(2, '0')}`);
    for (const name of names) {
      await t.http().post('/api/v1/contacts').auth(token, { type: 'bearer' }).send({ name });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await auth(t.http().get('/api/v1/contacts').query({ q: 'Page Person', sort: 'name', limit: 10, ...(cursor ? { cursor } : {}) }));
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((c: { name: string }) => c.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(names);
    const desc = await auth(t.http().get('/api/v1/contacts').query({ q: 'Page Person', sort: '-name', limit: 5, count: 'true' }));
    expect(desc.body.items[0].name).toBe('Page Person 22');
    expect(desc.body.total).toBe(23);
  });

  it('searches with Azerbaijani and Turkish letters folded, and by phone', async () => {
    await t.http().post('/api/v1/contacts').auth(token, { type: 'bearer' }).send({ name: 'Məmmədov Şahin', phone: '+994557778899' });
    await t.http().post('/api/v1/contacts').auth(token, { type: 'bearer' }).send({ name: 'Çağlar Öztürk', email: 'caglar@example.com.tr' });
    const search = async (q: string): Promise<string[]> =>
      (await auth(t.http().get('/api/v1/contacts').query({ q }))).body.items.map((c: { name: string }) => c.name);
    expect(await search('Memmedov')).toEqual(['Məmmədov Şahin']);
    expect(await search('sahin')).toEqual(['Məmmədov Şahin']);
    expect(await search('caglar ozturk')).toEqual(['Çağlar Öztürk']);
    expect(await search('ÇAĞLAR')).toEqual(['Çağlar Öztürk']);
    expect(await search('7778899')).toEqual(['Məmmədov Şahin']);
    expect(await search('Mə')).toEqual(['Məmmədov Şahin']);
    expect(await search('nobody-like-this')).toEqual([]);
  });

  it('returns the first result when a create is retried with the same Idempotency-Key', async () => {
    const send = (body: object): Promise<{ status: number; body: { id: string }; headers: Record<string, string> }> =>
      t.http().post('/api/v1/contacts').auth(token, { type: 'bearer' }).set('Idempotency-Key', 'retry-7f3a').send(body) as never;
    const [a, b] = await Promise.all([send({ name: 'Idem Potent' }), send({ name: 'Idem Potent' })]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    const third = await send({ name: 'Idem Potent' });
    expect(third.body.id).toBe(a.body.id);
    expect(third.headers['idempotent-replayed']).toBe('true');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM contacts WHERE name = 'Idem Potent'`);
    expect(n).toBe(1);
    const misuse = await send({ name: 'Something else' });
    expect(misuse.status).toBe(422);
  });

  it('records every change with the actor, IP and request id in the contact history', async () => {
    const created = await t.http().post('/api/v1/contacts').auth(token, { type: 'bearer' }).set('X-Request-Id', 'req-history-1').send({ name: 'Tarixçə Test' });
    const id = created.body.id;
    await t.http().patch(`/api/v1/contacts/${id}`).auth(token, { type: 'bearer' }).set('If-Match', '"1"').send({ email: 'tarix@example.az' });
    const history = await auth(t.http().get(`/api/v1/contacts/${id}/history`));
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'insert']);
    const [update, insert] = history.body.items;
    expect(update.changes).toEqual({ email: { old: null, new: 'tarix@example.az' } });
    expect(update.actorLogin).toBe('manager');
    expect(insert.requestId).toBe('req-history-1');
    expect(insert.ip).toMatch(/127\.0\.0\.1/);
    expect(insert.changes.name).toEqual({ old: null, new: 'Tarixçə Test' });
  });

  describe('customer fields', () => {
    const post = (body: object, as = token): ReturnType<ReturnType<TestApp['http']>['post']> => t.http().post('/api/v1/contacts').auth(as, { type: 'bearer' }).send(body);
    const patch = (id: string, version: number, body: object): ReturnType<ReturnType<TestApp['http']>['patch']> =>
      t.http().patch(`/api/v1/contacts/${id}`).auth(token, { type: 'bearer' }).set('If-Match', `"${version}"`).send(body);

    it('normalises contact points: E.164 phones, lower-case e-mails, one primary per kind', async () => {
      const res = await post({
        name: 'Nöqtə Test',
        points: [
          { kind: 'phone', value: '050 123 45 67', label: 'Mobile' },
          { kind: 'email', value: ' Leyla.N@Example.AZ ' },
          { kind: 'phone', value: '(012) 493 12 34', label: 'work', primary: true },
          { kind: 'messenger', channel: 'WhatsApp', value: '+994 55 111 22 33' },
          { kind: 'messenger', channel: 'telegram', value: '@leyla_n' },
          { kind: 'web', value: 'leyla.example.az' },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body.points).toEqual([
        { kind: 'phone', channel: null, value: '+994501234567', label: 'mobile', primary: false },
        { kind: 'email', channel: null, value: 'leyla.n@example.az', label: null, primary: true },
        { kind: 'phone', channel: null, value: '+994124931234', label: 'work', primary: true },
        { kind: 'messenger', channel: 'whatsapp', value: '+994551112233', label: null, primary: true },
        { kind: 'messenger', channel: 'telegram', value: '@leyla_n', label: null, primary: false },
        { kind: 'web', channel: null, value: 'https://leyla.example.az', label: null, primary: true },
      ]);
      // The primary phone and e-mail are kept as the record's email/phone.
      expect(res.body).toMatchObject({ phone: '+994124931234', email: 'leyla.n@example.az' });

      // The shorthand replaces the primary point of its kind and keeps the others.
      const changed = await patch(res.body.id, 1, { phone: '055 999 88 77' });
      expect(changed.status).toBe(200);
      expect(changed.body.phone).toBe('+994559998877');
      expect(changed.body.points.filter((p: { kind: string }) => p.kind === 'phone').map((p: { value: string }) => p.value)).toEqual(['+994559998877', '+994501234567']);

      // Arrays in PATCH replace the whole list.
      const replaced = await patch(res.body.id, 2, { points: [{ kind: 'email', value: 'new@example.az' }] });
      expect(replaced.body.points).toEqual([{ kind: 'email', channel: null, value: 'new@example.az', label: null, primary: true }]);
      expect(replaced.body).toMatchObject({ phone: null, email: 'new@example.az' });
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM contact_points WHERE contact_id = $1', [res.body.id]);
      expect(n).toBe(1);
    });

    it('names the field of an invalid phone or e-mail and stores nothing', async () => {
      const bad = await post({ name: 'Bad Points', points: [{ kind: 'email', value: 'ok@example.az' }, { kind: 'phone', value: '12345' }, { kind: 'email', value: 'no-at-sign' }] });
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(bad.body.errors).toEqual([
        { field: 'points[1].value', message: 'is not a valid phone number' },
        { field: 'points[2].value', message: 'is not a valid e-mail address' },
      ]);
      const shorthand = await post({ name: 'Bad Points', phone: '+994 12' });
      expect(shorthand.status).toBe(400);
      expect(shorthand.body.errors).toEqual([{ field: 'phone', message: 'is not a valid phone number' }]);
      const kind = await post({ name: 'Bad Points', points: [{ kind: 'fax', value: '1' }], addresses: [{ kind: 'home', line1: 'x', country: 'Azerbaijan' }], lifecycle: 'vip' });
      expect(kind.status).toBe(400);
      expect(kind.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['points.0.kind', 'addresses.0.country', 'lifecycle']));
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM contacts WHERE name = 'Bad Points'`);
      expect(n).toBe(0);
    });

    it('keeps addresses, tags, source, lifecycle and next step; stamps consent when it changes', async () => {
      const created = await post({
        name: 'Sahə Test',
        addresses: [{ kind: 'work', line1: 'Nizami küç. 10', city: 'Bakı', country: 'az', postalCode: 'AZ1000' }],
        tags: ['vip', 'b2b', 'vip'],
        source: 'referral',
        lifecycle: 'prospect',
        nextStep: 'Təklif göndərmək',
        nextStepAt: '2030-01-15T09:00:00.000Z',
        emailConsent: { granted: true, source: 'web form' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        addresses: [{ kind: 'work', line1: 'Nizami küç. 10', city: 'Bakı', country: 'AZ', postalCode: 'AZ1000' }],
        tags: ['vip', 'b2b'],
        source: 'referral',
        lifecycle: 'prospect',
        nextStep: 'Təklif göndərmək',
        nextStepAt: '2030-01-15T09:00:00.000Z',
        lastContactedAt: null,
        emailConsent: { granted: true, source: 'web form' },
        smsConsent: { granted: false, at: null, source: null },
      });
      const grantedAt = created.body.emailConsent.at;
      expect(Date.parse(grantedAt)).toBeGreaterThan(Date.now() - 60_000);

      const same = await patch(created.body.id, 1, { emailConsent: { granted: true, source: 'phone call' }, source: null, tags: [] });
      expect(same.body.emailConsent).toEqual({ granted: true, at: grantedAt, source: 'phone call' });
      expect(same.body).toMatchObject({ source: null, tags: [] });
      const withdrawn = await patch(created.body.id, 2, { emailConsent: { granted: false } });
      expect(withdrawn.body.emailConsent.granted).toBe(false);
      expect(withdrawn.body.emailConsent.at).not.toBe(grantedAt);
      expect(await t.http().patch(`/api/v1/contacts/${created.body.id}`).auth(token, { type: 'bearer' }).set('If-Match', '"3"').send({ lastContactedAt: new Date().toISOString() }).then((r) => r.body.errors[0].field)).toBe('lastContactedAt');
    });

    it('links companies with job titles, rebuilds search on links and renames, and refuses companies one cannot see', async () => {
      const company = await t.http().post('/api/v1/companies').auth(token, { type: 'bearer' }).send({ name: 'Şirvan Enerji MMC' });
      const other = await t.http().post('/api/v1/companies').auth(token, { type: 'bearer' }).send({ name: 'Kür Nəqliyyat' });
      const created = await post({ name: 'Bağlı Əlaqə', companies: [{ companyId: other.body.id }, { companyId: company.body.id, jobTitle: 'Direktor', primary: true }] });
      expect(created.status).toBe(201);
      expect(created.body.companies).toEqual([
        { companyId: company.body.id, companyName: 'Şirvan Enerji MMC', jobTitle: 'Direktor', primary: true },
        { companyId: other.body.id, companyName: 'Kür Nəqliyyat', jobTitle: null, primary: false },
      ]);
      const search = async (q: string): Promise<string[]> => (await auth(t.http().get('/api/v1/contacts').query({ q }))).body.items.map((c: { name: string }) => c.name);
      expect(await search('sirvan enerji')).toEqual(['Bağlı Əlaqə']);

      await t.http().patch(`/api/v1/companies/${company.body.id}`).auth(token, { type: 'bearer' }).set('If-Match', '"1"').send({ name: 'Şirvan Güc MMC' });
      expect(await search('sirvan guc')).toEqual(['Bağlı Əlaqə']);
      expect(await search('sirvan enerji')).toEqual([]);

      const unlinked = await patch(created.body.id, 1, { companies: [{ companyId: company.body.id, jobTitle: 'Sədr' }] });
      expect(unlinked.body.companies).toEqual([{ companyId: company.body.id, companyName: 'Şirvan Güc MMC', jobTitle: 'Sədr', primary: true }]);
      expect(await search('kur neqliyyat')).toEqual([]);
      const byCompany = await auth(t.http().get('/api/v1/contacts').query({ companyId: company.body.id }));
      expect(byCompany.body.items.map((c: { name: string }) => c.name)).toEqual(['Bağlı Əlaqə']);

      // A sales rep may not link their contact to a company they cannot see.
      await t.createUser('link.rep', ['sales_rep']);
      const rep = (await t.login('link.rep')).token;
      const refused = await post({ name: 'Rep Contact', companies: [{ companyId: company.body.id }] }, rep);
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'companies[0].companyId', message: 'is not a company you can see' }]);
      const missing = await post({ name: 'Rep Contact', companies: [{ companyId: '00000000-0000-4000-8000-000000000000' }] });
      expect(missing.body.errors[0].field).toBe('companies[0].companyId');
    });

    it('filters by lifecycle, source, tag, owner and dates, and sorts by last contact', async () => {
      await t.createUser('filter.rep', ['sales_rep']);
      const [{ id: repId }] = await t.dataSource.query(`SELECT id FROM users WHERE login = 'filter.rep'`);
      const make = (name: string, extra: object): Promise<unknown> => post({ name, ...extra });
      await make('Filtr Bir', { lifecycle: 'customer', source: 'website', tags: ['fx', 'gold'] });
      await make('Filtr İki', { lifecycle: 'former', source: 'advertising', tags: ['fx'] });
      await make('Filtr Üç', { lifecycle: 'lead', source: 'website', tags: ['silver'], ownerId: repId });
      await t.dataSource.query(`UPDATE contacts SET last_contacted_at = now() - interval '1 day' WHERE name = 'Filtr İki'`);
      const names = async (query: Record<string, unknown>): Promise<string[]> => {
        const res = await auth(t.http().get('/api/v1/contacts').query({ q: 'Filtr', sort: 'name', ...query }));
        expect(res.status).toBe(200);
        return res.body.items.map((c: { name: string }) => c.name);
      };
      expect(await names({ lifecycle: 'customer,former' })).toEqual(['Filtr Bir', 'Filtr İki']);
      expect(await t.http().get('/api/v1/contacts?q=Filtr&sort=name&lifecycle=lead&lifecycle=former').auth(token, { type: 'bearer' }).then((r) => r.body.items.length)).toBe(2);
      expect(await names({ source: 'website' })).toEqual(['Filtr Bir', 'Filtr Üç']);
      expect(await names({ tag: 'gold,silver' })).toEqual(['Filtr Bir', 'Filtr Üç']);
      expect(await names({ ownerId: repId })).toEqual(['Filtr Üç']);
      expect(await names({ createdFrom: '2000-01-01', createdTo: '2000-12-31' })).toEqual([]);
      expect(await names({ updatedFrom: new Date(Date.now() - 3_600_000).toISOString() })).toHaveLength(3);
      expect(await names({ sort: '-lastContactedAt' }).then((n) => n[0])).toBe('Filtr İki');
      const paged = await auth(t.http().get('/api/v1/contacts').query({ q: 'Filtr', sort: 'lastContactedAt', limit: 2 }));
      const rest = await auth(t.http().get('/api/v1/contacts').query({ q: 'Filtr', sort: 'lastContactedAt', limit: 2, cursor: paged.body.nextCursor }));
      expect([...paged.body.items, ...rest.body.items].map((c: { name: string }) => c.name).sort()).toEqual(['Filtr Bir', 'Filtr Üç', 'Filtr İki'].sort());
      expect((await auth(t.http().get('/api/v1/contacts').query({ lifecycle: 'vip' }))).body.errors[0].field).toBe('lifecycle');
    });
  });

  describe('owners', () => {
    let repA: { id: string; token: string };
    let repB: { id: string; token: string };
    let lead: string;
    let contactOfB: string;
    let companyOfB: string;

    beforeAll(async () => {
      const a = await t.createUser('own.rep.a', ['sales_rep']);
      const b = await t.createUser('own.rep.b', ['sales_rep']);
      repA = { id: a.id, token: (await t.login('own.rep.a')).token };
      repB = { id: b.id, token: (await t.login('own.rep.b')).token };
      const team = await t.createTeam('Own team');
      await t.createUser('own.lead', ['team_lead'], { teams: [team] });
      await t.dataSource.query('INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)', [team, a.id]);
      lead = (await t.login('own.lead')).token;
      companyOfB = (await t.http().post('/api/v1/companies').auth(repB.token, { type: 'bearer' }).send({ name: 'Gizli Şirkət B', phone: '+994 12 555 44 33' })).body.id;
      contactOfB = (await t.http().post('/api/v1/contacts').auth(repB.token, { type: 'bearer' })
        .send({ name: 'Gizli Müştəri B', phone: '+994 50 777 66 55', companies: [{ companyId: companyOfB, jobTitle: 'Mühasib' }] })).body.id;
    });

    it('hides another rep’s contact and company from every endpoint', async () => {
      const as = (r: ReturnType<ReturnType<TestApp['http']>['get']>): typeof r => r.auth(repA.token, { type: 'bearer' });
      expect((await as(t.http().get(`/api/v1/contacts/${contactOfB}`))).status).toBe(404);
      expect((await as(t.http().get(`/api/v1/contacts/${contactOfB}/history`))).status).toBe(404);
      expect((await t.http().patch(`/api/v1/contacts/${contactOfB}`).auth(repA.token, { type: 'bearer' }).set('If-Match', '"1"').send({ name: 'x' })).status).toBe(404);
      expect((await t.http().delete(`/api/v1/contacts/${contactOfB}`).auth(repA.token, { type: 'bearer' }).set('If-Match', '"1"')).status).toBe(404);
      const list = await as(t.http().get('/api/v1/contacts').query({ count: true }));
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(contactOfB);
      expect(list.body.total).toBe(0);
      for (const q of ['Gizli', 'Gizli Müştəri', 'Gi', '050 777 66 55', 'Gizli Mustari', 'Gizli Şirkət']) {
        const found = await as(t.http().get('/api/v1/contacts').query({ q, count: true }));
        expect(found.body).toMatchObject({ items: [], total: 0 });
        const companies = await as(t.http().get('/api/v1/companies').query({ q, count: true }));
        expect(companies.body).toMatchObject({ items: [], total: 0 });
        expect((await as(t.http().get('/api/v1/search').query({ q }))).body.items).toEqual([]);
      }
      expect((await as(t.http().get('/api/v1/contacts').query({ companyId: companyOfB, count: true }))).body.total).toBe(0);
      expect((await as(t.http().get(`/api/v1/companies/${companyOfB}`))).status).toBe(404);
      expect((await as(t.http().get(`/api/v1/companies/${companyOfB}/contacts`))).status).toBe(404);
      expect((await as(t.http().get(`/api/v1/companies/${companyOfB}/history`))).status).toBe(404);
      expect((await t.http().patch(`/api/v1/companies/${companyOfB}`).auth(repA.token, { type: 'bearer' }).set('If-Match', '"1"').send({ name: 'x' })).status).toBe(404);
      expect((await t.http().delete(`/api/v1/companies/${companyOfB}`).auth(repA.token, { type: 'bearer' }).set('If-Match', '"1"')).status).toBe(404);
      // The owner sees them.
      expect((await t.http().get('/api/v1/search').query({ q: 'gizli' }).auth(repB.token, { type: 'bearer' })).body.items.map((i: { type: string }) => i.type)).toEqual(['contact', 'company']);
    });

    it('reassigns in bulk, all or nothing, with the actor and an assigned event in the audit trail', async () => {
      const make = async (name: string): Promise<string> => (await t.http().post('/api/v1/contacts').auth(token, { type: 'bearer' }).send({ name })).body.id;
      const ids = [await make('Verilən Bir'), await make('Verilən İki')];
      const assign = (as: string, body: object): ReturnType<ReturnType<TestApp['http']>['post']> => t.http().post('/api/v1/contacts/assign').auth(as, { type: 'bearer' }).send(body);

      const unknown = '00000000-0000-4000-8000-000000000001';
      const partial = await assign(token, { ids: [...ids, unknown], ownerId: repA.id });
      expect(partial.status).toBe(404);
      expect(partial.body.errors).toEqual([{ field: 'ids[2]', message: `${unknown} was not found` }]);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM contacts WHERE id = ANY($1) AND owner_id = $2', [ids, repA.id]);
      expect(n).toBe(0);

      expect((await assign(repA.token, { ids: [ids[0]], ownerId: repB.id })).status).toBe(403);
      expect((await assign(token, { ids: [], ownerId: repA.id })).body.errors[0].field).toBe('ids');

      const done = await assign(token, { ids, ownerId: repA.id });
      expect(done.status).toBe(200);
      expect(done.body).toEqual({ assigned: 2 });
      const mine = await t.http().get('/api/v1/contacts').query({ q: 'Verilən', count: true }).auth(repA.token, { type: 'bearer' });
      expect(mine.body.total).toBe(2);
      const events = await t.dataSource.query(
        `SELECT e.action, e.details, u.login FROM audit.events e JOIN users u ON u.id = e.actor_id WHERE e.record_id = $1 ORDER BY e.id`, [ids[0]]);
      expect(events.map((e: { action: string }) => e.action)).toEqual(['insert', 'update', 'contact.assigned']);
      expect(events.every((e: { login: string }) => e.login === 'manager')).toBe(true);
      expect(events[2].details).toMatchObject({ to: repA.id });

      // A team lead gives work within the team, but not to someone outside it.
      const teamOwned = await t.http().post('/api/v1/contacts').auth(lead, { type: 'bearer' }).send({ name: 'Komanda İşi' });
      const outside = await assign(lead, { ids: [teamOwned.body.id], ownerId: repB.id });
      expect(outside.status).toBe(403);
      expect(outside.body.errors[0]).toEqual({ field: 'ids[0]', message: `${teamOwned.body.id} may not be given to that user` });
      expect((await assign(lead, { ids: [teamOwned.body.id], ownerId: repA.id })).body).toEqual({ assigned: 1 });

      // A single PATCH of the owner leaves the same event.
      const single = await t.http().patch(`/api/v1/contacts/${ids[1]}`).auth(token, { type: 'bearer' }).set('If-Match', '"2"').send({ ownerId: repB.id });
      expect(single.status).toBe(200);
      const [last] = await t.dataSource.query(`SELECT action, details FROM audit.events WHERE record_id = $1 AND kind = 'app' ORDER BY id DESC LIMIT 1`, [ids[1]]);
      expect(last).toEqual({ action: 'contact.assigned', details: { from: repA.id, to: repB.id } });
      // A rep may not give their own contact away.
      const repOwn = await t.http().post('/api/v1/contacts').auth(repA.token, { type: 'bearer' }).send({ name: 'Rep Own' });
      expect((await t.http().patch(`/api/v1/contacts/${repOwn.body.id}`).auth(repA.token, { type: 'bearer' }).set('If-Match', '"1"').send({ ownerId: repB.id })).status).toBe(403);
    });
  });
});
