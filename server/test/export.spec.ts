import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { createTestApp, TestApp, TestUser } from './test-app';

describe('exports', () => {
  let t: TestApp;
  let manager: TestUser;
  let rep: TestUser;
  const tokens: Record<string, string> = {};

  const addRole = (name: string, rules: object[]): Promise<unknown> =>
    t.dataSource.query(`INSERT INTO roles (name, label, description, built_in, rules) VALUES ($1, $1, '', false, $2)`, [name, JSON.stringify(rules)]);

  beforeAll(async () => {
    t = await createTestApp();
    await addRole('exporter_own', [
      { subject: 'Contact', action: 'read', scope: 'all' },
      { subject: 'Contact', action: 'export', scope: 'own' },
      { subject: 'Contact', action: 'create', scope: 'own' },
    ]);
    await addRole('name_only', [
      { subject: 'Contact', action: 'read', scope: 'all', fields: ['name', 'phone'] },
      { subject: 'Contact', action: 'export', scope: 'all' },
    ]);
    manager = await t.createUser('exp.manager', ['manager']);
    rep = await t.createUser('exp.rep', ['exporter_own']);
    await t.createUser('exp.plain', ['sales_rep']);
    await t.createUser('exp.limited', ['name_only']);
    for (const login of ['exp.manager', 'exp.rep', 'exp.plain', 'exp.limited']) {
      tokens[login] = (await t.login(login)).token;
    }
    await t.dataSource.query(
      `INSERT INTO custom_field_definitions (entity, key, type, labels) VALUES ('contact', 'segment', 'text', '{"az": "Seqment", "en": "Segment"}')`,
    );
    const create = (login: string, body: object): Promise<Response> => t.http().post('/api/v1/contacts').auth(tokens[login], { type: 'bearer' }).send(body);
    await create('exp.manager', { name: 'Əliyeva Günay', email: 'gunay@example.az', phone: '+994501234501', custom: { segment: 'retail' } });
    await create('exp.manager', { name: '=HYPERLINK("http://evil")', email: 'formula@example.az' });
    await create('exp.rep', { name: 'Rep Şahin', phone: '+994551112233' });
  });
  afterAll(() => t.close());

  const get = (login: string, path: string, query: Record<string, string> = {}): Promise<Response> =>
    t.http().get(path).query(query).auth(tokens[login], { type: 'bearer' }).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const rowsOf = (res: Response): Record<string, string>[] => parse((res.body as Buffer).toString('utf8'), { columns: true, bom: true });

  it('exports the list as CSV with a BOM, the same filters and sort, formulas defused', async () => {
    const res = await get('exp.manager', '/api/v1/contacts/export', { format: 'csv', sort: 'name' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...(res.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = rowsOf(res);
    expect(rows.map((r) => r.Name)).toEqual(["'=HYPERLINK(\"http://evil\")", 'Rep Şahin', 'Əliyeva Günay']);
    expect(Object.keys(rows[0])).toEqual([
      'ID', 'Name', 'Email', 'Phone', 'Company', 'Job title', 'Tags', 'Source', 'Lifecycle', 'Street', 'City', 'Region', 'Postal code', 'Country',
      'Segment', 'Owner', 'Owner name', 'Created at', 'Updated at',
    ]);
    expect(rows[2]).toMatchObject({ Email: 'gunay@example.az', Phone: '+994501234501', Segment: 'retail', Owner: 'exp.manager', Lifecycle: 'lead' });

    const list = await t.http().get('/api/v1/contacts').query({ q: 'günay' }).auth(tokens['exp.manager'], { type: 'bearer' });
    const filtered = rowsOf(await get('exp.manager', '/api/v1/contacts/export', { q: 'günay' }));
    expect(filtered.map((r) => r.ID)).toEqual(list.body.items.map((c: { id: string }) => c.id));
    expect(filtered).toHaveLength(1);
  });

  it('exports XLSX that reads back with the same rows', async () => {
    const res = await get('exp.manager', '/api/v1/contacts/export', { format: 'xlsx', sort: '-name' });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/contacts-\d{4}-\d{2}-\d{2}\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const values = (n: number): unknown[] => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1).slice(0, 4)).toEqual(['ID', 'Name', 'Email', 'Phone']);
    expect(sheet.rowCount).toBe(4);
    expect(values(2)[1]).toBe('Əliyeva Günay');
    expect(values(4)[1]).toBe('=HYPERLINK("http://evil")');
  });

  it('keeps to the export rules as well as the read rules', async () => {
    const rows = rowsOf(await get('exp.rep', '/api/v1/contacts/export'));
    expect(rows.map((r) => r.Name)).toEqual(['Rep Şahin']);
    expect(rows[0].Owner).toBe('exp.rep');
    const list = await t.http().get('/api/v1/contacts').auth(tokens['exp.rep'], { type: 'bearer' });
    expect(list.body.items).toHaveLength(3);
  });

  it('leaves out the fields the role may not read', async () => {
    const rows = rowsOf(await get('exp.limited', '/api/v1/contacts/export', { sort: 'name' }));
    expect(Object.keys(rows[0])).toEqual(['ID', 'Name', 'Phone', 'Owner', 'Owner name', 'Created at', 'Updated at']);
    expect(rows[2]).toMatchObject({ Name: 'Əliyeva Günay', Phone: '+994501234501' });
    expect(JSON.stringify(rows)).not.toContain('gunay@example.az');
  });

  it('answers 403 to a role without export, and 400 to an unknown format', async () => {
    const res = await get('exp.plain', '/api/v1/contacts/export');
    expect(res.status).toBe(403);
    expect((await get('exp.plain', '/api/v1/companies/export')).status).toBe(403);
    const bad = await t.http().get('/api/v1/contacts/export').query({ format: 'pdf' }).auth(tokens['exp.manager'], { type: 'bearer' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('format');
  });

  it('records every export with its filter and row count, by the exporter', async () => {
    await get('exp.rep', '/api/v1/contacts/export', { q: 'Şahin', format: 'xlsx' });
    const [event] = await t.dataSource.query(
      `SELECT actor_id, details FROM audit.events WHERE action = 'contacts.exported' AND actor_id = $1 ORDER BY id DESC LIMIT 1`,
      [rep.id],
    );
    expect(event.details).toEqual({ filters: { q: 'Şahin' }, format: 'xlsx', rows: 1, complete: true });
    const [denied] = await t.dataSource.query(`SELECT details FROM audit.events WHERE action = 'permission.denied' AND details ->> 'path' = '/api/v1/contacts/export'`);
    expect(denied.details).toMatchObject({ action: 'export', subject: 'Contact' });
  });

  it('exports companies the same way', async () => {
    await t.dataSource.query(
      `INSERT INTO companies (name, tax_id, industry, owner_id, created_by) VALUES ('Azərsun MMC', '1400057421', 'Qida', $1, $1)`,
      [manager.id],
    );
    const rows = rowsOf(await get('exp.manager', '/api/v1/companies/export'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Name: 'Azərsun MMC', 'Tax ID': '1400057421', Industry: 'Qida', Owner: 'exp.manager' });
  });
});
