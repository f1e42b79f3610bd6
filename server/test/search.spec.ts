import { createTestApp, TestApp } from './test-app';

describe('global search', () => {
  let t: TestApp;
  let manager: string;
  let rep: { id: string; token: string };

  const search = async (token: string, q: string, limit?: number): Promise<{ type: string; title: string; subtitle: string | null }[]> => {
    const res = await t.http().get('/api/v1/search').query({ q, ...(limit ? { limit } : {}) }).auth(token, { type: 'bearer' });
    expect(res.status).toBe(200);
    return res.body.items;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.createUser('manager', ['manager']);
    manager = (await t.login('manager')).token;
    const user = await t.createUser('search.rep', ['sales_rep']);
    rep = { id: user.id, token: (await t.login('search.rep')).token };
    const post = async (path: string, body: object, token = manager): Promise<string> =>
      (await t.http().post(path).auth(token, { type: 'bearer' }).send(body)).body.id;
    const company = await post('/api/v1/companies', { name: 'Məmmədov və Oğulları MMC', phone: '+994 12 444 55 66' });
    await post('/api/v1/contacts', { name: 'Məmmədov Elçin', phone: '050 123 45 67', companies: [{ companyId: company, jobTitle: 'Direktor' }] });
    await post('/api/v1/contacts', { name: 'Mammadli Rauf', email: 'rauf@example.az' });
    await post('/api/v1/contacts', { name: 'Məmmədova Aysel (rep)', phone: '+994 55 222 33 44' }, rep.token);
  });
  afterAll(() => t.close());

  it('finds contacts and companies with folded letters, each with a subtitle', async () => {
    expect(await search(manager, 'Memmedov')).toEqual([
      { type: 'contact', id: expect.any(String), title: 'Məmmədov Elçin', subtitle: 'Məmmədov və Oğulları MMC' },
      { type: 'contact', id: expect.any(String), title: 'Məmmədova Aysel (rep)', subtitle: '+994552223344' },
      { type: 'company', id: expect.any(String), title: 'Məmmədov və Oğulları MMC', subtitle: '+994124445566' },
    ]);
    expect((await search(manager, 'ogullari')).map((i) => i.title)).toEqual(['Məmmədov Elçin', 'Məmmədov və Oğulları MMC']);
    expect((await search(manager, 'Mə')).map((i) => i.title)).toEqual(['Məmmədov Elçin', 'Məmmədova Aysel (rep)', 'Məmmədov və Oğulları MMC']);
    expect(await search(manager, 'Memmedov', 1)).toHaveLength(2);
  });

  it('normalises a phone-like query before searching', async () => {
    expect((await search(manager, '050 123 45 67')).map((i) => i.title)).toEqual(['Məmmədov Elçin']);
    expect((await search(manager, '+994501234567')).map((i) => i.title)).toEqual(['Məmmədov Elçin']);
    expect((await search(manager, '45 67')).map((i) => i.title)).toEqual(['Məmmədov Elçin']);
    expect((await search(manager, '444 55')).map((i) => i.title)).toEqual(['Məmmədov və Oğulları MMC']);
    const list = await t.http().get('/api/v1/contacts').query({ q: '050 123 45 67' }).auth(manager, { type: 'bearer' });
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['Məmmədov Elçin']);
  });

  it('falls back to similar names when nothing contains the text', async () => {
    expect((await search(manager, 'Memmedof Elcin')).map((i) => i.title)).toEqual(['Məmmədov Elçin']);
    const list = await t.http().get('/api/v1/contacts').query({ q: 'Mamadli Rauf' }).auth(manager, { type: 'bearer' });
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['Mammadli Rauf']);
    expect(list.body.nextCursor).toBeNull();
    expect(await search(manager, 'qwxzv')).toEqual([]);
  });

  it('filters each part by the caller’s read rules', async () => {
    expect((await search(rep.token, 'Memmedov')).map((i) => [i.type, i.title])).toEqual([['contact', 'Məmmədova Aysel (rep)']]);
    expect(await search(rep.token, '050 123 45 67')).toEqual([]);
    expect(await search(rep.token, 'Memmedof Elcin')).toEqual([]);

    // A role that reads contacts but not companies gets no companies, and no company names as subtitles.
    await t.dataSource.query(
      `INSERT INTO roles (name, label, rules) VALUES ('contacts_only', 'Contacts only', '[{"subject":"Contact","action":"read","scope":"all"}]')`,
    );
    await t.createUser('contacts.only', ['contacts_only']);
    const limited = (await t.login('contacts.only')).token;
    expect(await search(limited, 'Memmedov')).toEqual([
      { type: 'contact', id: expect.any(String), title: 'Məmmədov Elçin', subtitle: '+994501234567' },
      { type: 'contact', id: expect.any(String), title: 'Məmmədova Aysel (rep)', subtitle: '+994552223344' },
    ]);
    expect((await t.http().get('/api/v1/companies').auth(limited, { type: 'bearer' })).status).toBe(403);
  });

  it('leaves fields the role may not read out of the subtitles', async () => {
    await t.dataSource.query(
      `INSERT INTO roles (name, label, rules) VALUES ('names_and_mail', 'Names and e-mail', $1)`,
      [JSON.stringify([
        { subject: 'Contact', action: 'read', scope: 'all', fields: ['name', 'email'] },
        { subject: 'Company', action: 'read', scope: 'all', fields: ['name', 'industry'] },
      ])],
    );
    await t.createUser('names.mail', ['names_and_mail']);
    const limited = (await t.login('names.mail')).token;
    expect(await search(limited, 'Memmedov')).toEqual([
      // The company link is not a readable field of the contact, the phones neither.
      { type: 'contact', id: expect.any(String), title: 'Məmmədov Elçin', subtitle: null },
      { type: 'contact', id: expect.any(String), title: 'Məmmədova Aysel (rep)', subtitle: null },
      { type: 'company', id: expect.any(String), title: 'Məmmədov və Oğulları MMC', subtitle: null },
    ]);
    expect((await search(limited, 'Mammadli')).map((i) => i.subtitle)).toEqual(['rauf@example.az']);
  });

  it('validates its query and needs a signed-in user', async () => {
    expect((await t.http().get('/api/v1/search').query({ q: 'x' })).status).toBe(401);
    const empty = await t.http().get('/api/v1/search').auth(manager, { type: 'bearer' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('q');
    expect((await t.http().get('/api/v1/search').query({ q: 'abc', limit: 99 }).auth(manager, { type: 'bearer' })).body.errors[0].field).toBe('limit');
  });
});
