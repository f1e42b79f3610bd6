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
});
