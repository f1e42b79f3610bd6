import { createTestApp, TestApp } from './test-app';

describe('companies', () => {
  let t: TestApp;
  let token: string;
  const bearer = <R extends { auth(token: string, options: { type: 'bearer' }): R }>(req: R, as = token): R => req.auth(as, { type: 'bearer' });

  beforeAll(async () => {
    t = await createTestApp();
    await t.createUser('manager', ['manager']);
    ({ token } = await t.login('manager'));
  });
  afterAll(() => t.close());

  it('creates, reads, updates and deletes with ETag versions, and keeps the history', async () => {
    const created = await bearer(t.http().post('/api/v1/companies')).set('X-Request-Id', 'req-company-1').send({
      name: '  Xəzər Logistika MMC ', legalForm: 'MMC', taxId: '1401 2345 61', industry: 'Logistika', size: '51-200', website: 'xezer.example.az',
      phone: '(012) 493 12 34', points: [{ kind: 'email', value: 'Info@Xezer.Example.AZ' }], tags: ['b2b'], lifecycle: 'customer', source: 'referral',
      addresses: [{ kind: 'legal', line1: 'Neftçilər pr. 1', city: 'Bakı', country: 'AZ' }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/api/v1/companies/${created.body.id}`);
    expect(created.body).toMatchObject({
      name: 'Xəzər Logistika MMC', taxId: '1401234561', website: 'https://xezer.example.az', phone: '+994124931234', email: 'info@xezer.example.az',
      size: '51-200', lifecycle: 'customer', source: 'referral', tags: ['b2b'], ownerName: 'manager', version: 1, lastContactedAt: null,
    });
    const id = created.body.id;
    const got = await bearer(t.http().get(`/api/v1/companies/${id}`));
    expect(got.headers.etag).toBe('"1"');
    expect(got.body.points.map((p: { value: string }) => p.value)).toEqual(['+994124931234', 'info@xezer.example.az']);

    const updated = await bearer(t.http().patch(`/api/v1/companies/${id}`)).set('If-Match', '"1"').send({ industry: 'Nəqliyyat', size: null });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ industry: 'Nəqliyyat', size: null, version: 2 });
    expect((await bearer(t.http().patch(`/api/v1/companies/${id}`)).set('If-Match', '"1"').send({ name: 'Lost' })).status).toBe(412);
    expect((await bearer(t.http().patch(`/api/v1/companies/${id}`)).send({ name: 'Lost' })).status).toBe(428);
    expect((await bearer(t.http().get(`/api/v1/companies/${id}`))).body.name).toBe('Xəzər Logistika MMC');

    const history = await bearer(t.http().get(`/api/v1/companies/${id}/history`));
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'insert']);
    expect(history.body.items[0]).toMatchObject({ actorLogin: 'manager', changes: { industry: { old: 'Logistika', new: 'Nəqliyyat' }, size: { old: '51-200', new: null } } });
    expect(history.body.items[1].requestId).toBe('req-company-1');

    expect((await bearer(t.http().delete(`/api/v1/companies/${id}`))).status).toBe(428);
    expect((await bearer(t.http().delete(`/api/v1/companies/${id}`)).set('If-Match', '"1"')).status).toBe(412);
    expect((await bearer(t.http().delete(`/api/v1/companies/${id}`)).set('If-Match', '"2"')).status).toBe(204);
    expect((await bearer(t.http().get(`/api/v1/companies/${id}`))).status).toBe(404);
  });

  it('answers bad input with problem+json naming the field', async () => {
    const res = await bearer(t.http().post('/api/v1/companies')).send({ name: '', taxId: '12AB', size: 'huge', website: 'not a site', colour: 'red', points: [{ kind: 'phone', value: 'abc' }] });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['name', 'taxId', 'size', 'website', 'colour']));
    const phone = await bearer(t.http().post('/api/v1/companies')).send({ name: 'Telefon', points: [{ kind: 'web', value: 'ok.example.az' }, { kind: 'phone', value: '+994 50' }] });
    expect(phone.body.errors).toEqual([{ field: 'points[1].value', message: 'is not a valid phone number' }]);
    expect((await bearer(t.http().get('/api/v1/companies?sort=colour'))).body.errors[0].field).toBe('sort');
    expect((await bearer(t.http().get('/api/v1/companies/not-a-uuid'))).body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM companies WHERE name = 'Telefon'`);
    expect(n).toBe(0);
  });

  it('returns the first result for a retried create with the same Idempotency-Key', async () => {
    const send = (): ReturnType<ReturnType<TestApp['http']>['post']> => bearer(t.http().post('/api/v1/companies')).set('Idempotency-Key', 'company-7f3a').send({ name: 'Bir Dəfə MMC' });
    const [a, b] = await Promise.all([send(), send()]);
    expect(b.body.id).toBe(a.body.id);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM companies WHERE name = 'Bir Dəfə MMC'`);
    expect(n).toBe(1);
  });

  it('pages, filters, counts and searches folded names, tax numbers and phones, with a typo fallback', async () => {
    for (const [i, name] of ['Abşeron Ticarət ASC', 'Şəki İpək ASC', 'Gəncə Tekstil MMC', 'Qafqaz Tikinti MMC'].entries()) {
      await bearer(t.http().post('/api/v1/companies')).send({ name, taxId: `170000000${i}`, phone: `+99450555000${i}`, lifecycle: i % 2 ? 'customer' : 'lead', tags: i < 2 ? ['asc'] : [] });
    }
    const names = async (query: Record<string, unknown>): Promise<string[]> => (await bearer(t.http().get('/api/v1/companies').query({ sort: 'name', ...query }))).body.items.map((c: { name: string }) => c.name);
    expect(await names({ q: 'seki ipek' })).toEqual(['Şəki İpək ASC']);
    expect(await names({ q: 'ABŞERON' })).toEqual(['Abşeron Ticarət ASC']);
    expect(await names({ q: '1700000002' })).toEqual(['Gəncə Tekstil MMC']);
    expect(await names({ q: '050 555 00 03' })).toEqual(['Qafqaz Tikinti MMC']);
    expect(await names({ q: 'Qa' })).toEqual(['Qafqaz Tikinti MMC']);
    expect(await names({ q: 'Qafqas Tikindi' })).toEqual(['Qafqaz Tikinti MMC']);
    expect(await names({ lifecycle: 'customer', tag: 'asc' })).toEqual(['Şəki İpək ASC']);
    const first = await bearer(t.http().get('/api/v1/companies').query({ sort: 'name', limit: 2, count: true, q: 'mmc' }));
    expect(first.body.total).toBe(3);
    expect(first.body.items).toHaveLength(2);
    const page = await bearer(t.http().get('/api/v1/companies').query({ sort: 'name', limit: 2 }));
    const next = await bearer(t.http().get('/api/v1/companies').query({ sort: 'name', limit: 2, cursor: page.body.nextCursor }));
    expect(next.body.items[0].name > page.body.items[1].name).toBe(true);
  });

  it('lists the linked contacts the caller may read, with their job titles', async () => {
    await t.createUser('co.rep', ['sales_rep']);
    const rep = (await t.login('co.rep')).token;
    const company = await bearer(t.http().post('/api/v1/companies'), rep).send({ name: 'Lənkəran Çay Evi' });
    expect(company.status).toBe(201);
    await bearer(t.http().post('/api/v1/contacts'), rep).send({ name: 'Rep Contact', companies: [{ companyId: company.body.id, jobTitle: 'Direktor' }] });
    await bearer(t.http().post('/api/v1/contacts')).send({ name: 'Manager Contact', companies: [{ companyId: company.body.id, jobTitle: 'Mühasib' }] });
    const asManager = await bearer(t.http().get(`/api/v1/companies/${company.body.id}/contacts`));
    expect(asManager.body.items.map((c: { name: string; jobTitle: string }) => [c.name, c.jobTitle])).toEqual([['Manager Contact', 'Mühasib'], ['Rep Contact', 'Direktor']]);
    const asRep = await bearer(t.http().get(`/api/v1/companies/${company.body.id}/contacts`), rep);
    expect(asRep.body.items.map((c: { name: string }) => c.name)).toEqual(['Rep Contact']);

    // The manager's contact shows the rep's company by name; a rep seeing a link to a company of
    // someone else gets the link without the name.
    const managerCompany = await bearer(t.http().post('/api/v1/companies')).send({ name: 'Menecer Şirkəti' });
    const repContact = await bearer(t.http().post('/api/v1/contacts'), rep).send({ name: 'Rep Linked' });
    await bearer(t.http().patch(`/api/v1/contacts/${repContact.body.id}`)).set('If-Match', '"1"').send({ companies: [{ companyId: managerCompany.body.id }] });
    const seen = await bearer(t.http().get(`/api/v1/contacts/${repContact.body.id}`), rep);
    expect(seen.body.companies).toEqual([{ companyId: managerCompany.body.id, companyName: null, jobTitle: null, primary: true }]);
    // Keeping an existing link the rep cannot see is allowed (the list is replaced as sent).
    const kept = await bearer(t.http().patch(`/api/v1/contacts/${repContact.body.id}`), rep).set('If-Match', '"2"').send({ companies: seen.body.companies.map((c: { companyId: string }) => ({ companyId: c.companyId })) });
    expect(kept.status).toBe(200);
  });

  it('lets service agents and marketers read every company but not change others’, and reassigns in bulk', async () => {
    await t.createUser('co.agent', ['service_agent']);
    await t.createUser('co.rep2', ['sales_rep']);
    const agent = (await t.login('co.agent')).token;
    const rep2 = await t.login('co.rep2');
    const [{ id: rep2Id }] = await t.dataSource.query(`SELECT id FROM users WHERE login = 'co.rep2'`);
    const company = await bearer(t.http().post('/api/v1/companies')).send({ name: 'Naxçıvan Aqro' });
    expect((await bearer(t.http().get(`/api/v1/companies/${company.body.id}`), agent)).status).toBe(200);
    expect((await bearer(t.http().patch(`/api/v1/companies/${company.body.id}`), agent).set('If-Match', '"1"').send({ name: 'x' })).status).toBe(403);

    expect((await bearer(t.http().post('/api/v1/companies/assign'), rep2.token).send({ ids: [company.body.id], ownerId: rep2Id })).status).toBe(403);
    const done = await bearer(t.http().post('/api/v1/companies/assign')).send({ ids: [company.body.id], ownerId: rep2Id });
    expect(done.body).toEqual({ assigned: 1 });
    expect((await bearer(t.http().get(`/api/v1/companies/${company.body.id}`), rep2.token)).body.ownerId).toBe(rep2Id);
    const [event] = await t.dataSource.query(`SELECT e.details, u.login FROM audit.events e JOIN users u ON u.id = e.actor_id WHERE e.action = 'company.assigned' AND e.record_id = $1`, [company.body.id]);
    expect(event).toMatchObject({ login: 'manager', details: { to: rep2Id } });
  });
});
