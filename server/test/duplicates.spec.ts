import { inActorTransaction, SYSTEM_CONTEXT } from '../src/common/database/actor-transaction';
import { createTestApp, TestApp, TestUser } from './test-app';

interface Candidate {
  id: string;
  name: string;
  ownerName: string;
  reasons: string[];
  similarity: number;
}

describe('duplicate detection', () => {
  let t: TestApp;
  let repA: TestUser;
  let repB: TestUser;
  const tokens: Record<string, string> = {};

  /** A record with contact points, written in SQL as the records API would store it (phones E.164, e-mails lower case). */
  async function record(table: 'contacts' | 'companies', name: string, owner: TestUser, points: { kind: string; value: string }[] = [], taxId?: string): Promise<string> {
    return inActorTransaction(t.dataSource, SYSTEM_CONTEXT, async (m) => {
      const [{ id }] = table === 'contacts'
        ? await m.query('INSERT INTO contacts (name, owner_id) VALUES ($1, $2) RETURNING id', [name, owner.id])
        : await m.query('INSERT INTO companies (name, tax_id, owner_id) VALUES ($1, $2, $3) RETURNING id', [name, taxId ?? null, owner.id]);
      const column = table === 'contacts' ? 'contact_id' : 'company_id';
      for (const [position, point] of points.entries()) {
        await m.query(`INSERT INTO contact_points (${column}, kind, value, is_primary, position) VALUES ($1, $2, $3, $4, $5)`, [id, point.kind, point.value, position === 0, position]);
      }
      const document = table === 'contacts' ? 'contact_search_document' : 'company_search_document';
      await m.query(`UPDATE ${table} SET search_text = ${document}(id) WHERE id = $1`, [id]);
      return id as string;
    });
  }

  const ask = (who: string, entity: 'contacts' | 'companies', body: object) =>
    t.http().post(`/api/v1/${entity}/duplicates`).auth(tokens[who], { type: 'bearer' }).send(body);
  const candidates = async (who: string, entity: 'contacts' | 'companies', body: object): Promise<Candidate[]> => {
    const response = await ask(who, entity, body);
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.createUser('dup-manager', ['manager']);
    repA = await t.createUser('dup-rep-a', ['sales_rep']);
    repB = await t.createUser('dup-rep-b', ['sales_rep']);
    await t.createUser('dup-nobody', []);
    for (const login of ['dup-manager', 'dup-rep-a', 'dup-rep-b', 'dup-nobody']) {
      tokens[login] = (await t.login(login)).token;
    }
  });
  afterAll(() => t.close());

  it('finds a contact by the same e-mail in any letter case', async () => {
    const id = await record('contacts', 'Həsənova Leyla', repA, [{ kind: 'email', value: 'leyla.hasanova@example.az' }]);
    await record('contacts', 'Someone Else', repA, [{ kind: 'email', value: 'other@example.az' }]);
    const found = await candidates('dup-manager', 'contacts', { emails: ['  Leyla.Hasanova@EXAMPLE.az '] });
    expect(found).toEqual([{ id, name: 'Həsənova Leyla', ownerName: 'dup-rep-a', reasons: ['email'], similarity: 0 }]);
  });

  it('finds a contact by the same phone written in different formats', async () => {
    const id = await record('contacts', 'Quliyev Rəşad', repA, [{ kind: 'phone', value: '+994501234567' }]);
    for (const phone of ['050 123 45 67', '(050) 123-45-67', '+994 50 123 45 67', '994501234567']) {
      const found = await candidates('dup-manager', 'contacts', { phones: [phone] });
      expect(found.map((c) => [c.id, c.reasons])).toEqual([[id, ['phone']]]);
    }
    expect(await candidates('dup-manager', 'contacts', { phones: ['050 123 45 68', 'not a phone'] })).toEqual([]);
  });

  it('finds contacts whose primary phone or e-mail was never turned into a contact point', async () => {
    const created = await t.http().post('/api/v1/contacts').auth(tokens['dup-manager'], { type: 'bearer' }).send({ name: 'Legacy Kamran', phone: '+994 55 765 43 21', email: 'Kamran@Example.az' });
    expect(created.status).toBe(201);
    await t.dataSource.query('DELETE FROM contact_points WHERE contact_id = $1', [created.body.id]);
    const found = await candidates('dup-manager', 'contacts', { phones: ['055 765 43 21'], emails: ['kamran@example.az'] });
    expect(found.map((c) => [c.id, c.reasons])).toEqual([[created.body.id, ['email', 'phone']]]);
  });

  it('finds a very similar name with Azerbaijani letters folded, and not a different one', async () => {
    const id = await record('contacts', 'Məmmədov Elçin', repA);
    await record('contacts', 'Əliyeva Günay', repA);
    const found = await candidates('dup-manager', 'contacts', { name: 'Memmedov Elcin' });
    expect(found.map((c) => [c.id, c.reasons, c.similarity])).toEqual([[id, ['name'], 1]]);
    const typo = await candidates('dup-manager', 'contacts', { name: 'Mammadov Elçin' });
    expect(typo.map((c) => c.id)).toEqual([]);
    const close = await candidates('dup-manager', 'contacts', { name: 'Məmmədov Elçinn' });
    expect(close[0]).toMatchObject({ id, reasons: ['name'] });
    expect(close[0].similarity).toBeGreaterThanOrEqual(0.6);
    expect(close[0].similarity).toBeLessThan(1);
    expect(await candidates('dup-manager', 'contacts', { name: 'Memmedov Elcin', excludeId: id })).toEqual([]);
    expect(await candidates('dup-manager', 'contacts', { name: 'Mə' })).toEqual([]);
  });

  it('ranks exact matches first and answers at most ten', async () => {
    for (let i = 0; i < 12; i++) {
      await record('contacts', `Nəbiyev Orxan`, repA);
    }
    const byEmail = await record('contacts', 'O. Nabiyev', repA, [{ kind: 'email', value: 'orxan@example.az' }]);
    const found = await candidates('dup-manager', 'contacts', { name: 'Nebiyev Orxan', emails: ['orxan@example.az'] });
    expect(found).toHaveLength(10);
    expect(found[0]).toMatchObject({ id: byEmail, reasons: ['email'] });
    expect(found.slice(1).every((c) => c.reasons.join() === 'name')).toBe(true);
  });

  it("does not offer a sales rep another rep's contact, through any way of matching", async () => {
    const other = await record('contacts', 'Rüstəmov Tural', repB, [{ kind: 'email', value: 'tural@example.az' }, { kind: 'phone', value: '+994702223344' }]);
    const probe = { name: 'Rustemov Tural', emails: ['tural@example.az'], phones: ['070 222 33 44'] };
    expect(await candidates('dup-rep-a', 'contacts', probe)).toEqual([]);
    expect((await candidates('dup-rep-b', 'contacts', probe)).map((c) => [c.id, c.reasons])).toEqual([[other, ['email', 'phone', 'name']]]);
    expect((await candidates('dup-manager', 'contacts', probe)).map((c) => c.id)).toEqual([other]);
  });

  it('finds companies by tax id, e-mail, phone and folded name, only those the caller may read', async () => {
    const own = await record('companies', 'Xəzər Ticarət MMC', repA, [{ kind: 'phone', value: '+994124441122' }], '1234567891');
    const others = await record('companies', 'Şirvan Logistika', repB, [{ kind: 'email', value: 'info@shirvan.az' }], '9876543210');
    expect((await candidates('dup-rep-a', 'companies', { taxId: ' 1234567891 ' })).map((c) => [c.id, c.reasons])).toEqual([[own, ['taxId']]]);
    expect((await candidates('dup-rep-a', 'companies', { name: 'Xezer Ticaret MMC', phones: ['012 444 11 22'] })).map((c) => [c.id, c.reasons])).toEqual([[own, ['phone', 'name']]]);
    expect(await candidates('dup-rep-a', 'companies', { taxId: '9876543210', emails: ['INFO@shirvan.az'], name: 'Sirvan Logistika' })).toEqual([]);
    expect((await candidates('dup-manager', 'companies', { taxId: '9876543210', emails: ['INFO@shirvan.az'] })).map((c) => [c.id, c.reasons])).toEqual([[others, ['email', 'taxId']]]);
    // Contacts and companies never mix.
    expect(await candidates('dup-manager', 'contacts', { emails: ['info@shirvan.az'] })).toEqual([]);
  });

  it('answers bad input with problem+json naming the field; needs sign-in and the read permission', async () => {
    const bad = await ask('dup-manager', 'contacts', { emails: 'a@b.az', phones: Array(21).fill('1'), excludeId: 'x', taxId: '1' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['emails', 'phones', 'excludeId', 'taxId']));
    expect((await ask('dup-manager', 'companies', { name: 'x'.repeat(301) })).body.errors[0].field).toBe('name');
    expect((await t.http().post('/api/v1/contacts/duplicates').send({ name: 'Anyone' })).status).toBe(401);
    expect((await ask('dup-nobody', 'contacts', { name: 'Anyone' })).status).toBe(403);
    expect((await ask('dup-nobody', 'companies', { name: 'Anyone' })).status).toBe(403);
    expect(await candidates('dup-manager', 'contacts', {})).toEqual([]);
  });
});
