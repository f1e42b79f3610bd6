import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, TestApp } from './test-app';

/** Collects a binary response body as a Buffer. */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('attachments', () => {
  const MAX = 64 * 1024;
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let contactId: string;
  let companyId: string;
  const as = (who: string) => ({
    get: (url: string) => t.http().get(url).auth(tokens[who], { type: 'bearer' }),
    delete: (url: string) => t.http().delete(url).auth(tokens[who], { type: 'bearer' }),
    upload: (url: string, content: Buffer, name: string, type = 'application/pdf') =>
      t.http().post(url).auth(tokens[who], { type: 'bearer' }).attach('file', content, { filename: name, contentType: type }),
  });
  const storedFiles = (): string[] => (existsSync(t.config.attachmentsDir) ? readdirSync(t.config.attachmentsDir) : []);

  beforeAll(async () => {
    t = await createTestApp({ CRM_ATTACHMENT_MAX_BYTES: String(MAX) });
    for (const [who, role] of [['rep1', 'sales_rep'], ['rep2', 'sales_rep'], ['agent', 'service_agent']]) {
      ids[who] = (await t.createUser(who, [role])).id;
      tokens[who] = (await t.login(who)).token;
    }
    const created = await t.http().post('/api/v1/contacts').auth(tokens.rep1, { type: 'bearer' }).send({ name: 'Fayl Sahibi' });
    contactId = created.body.id;
    [{ id: companyId }] = await t.dataSource.query(`INSERT INTO companies (name, owner_id) VALUES ('Fayl MMC', $1) RETURNING id`, [ids.rep1]);
  });
  afterAll(() => t.close());

  it('uploads, lists and downloads the same bytes under a random storage name, with its sha256', async () => {
    const content = randomBytes(20_000);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const uploaded = await as('rep1').upload(`/api/v1/contacts/${contactId}/attachments`, content, 'müqavilə 2025.pdf');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ contactId, companyId: null, fileName: 'müqavilə 2025.pdf', contentType: 'application/pdf', sizeBytes: 20_000, sha256, createdBy: ids.rep1, createdByName: 'rep1' });
    const [{ storage_key: key }] = await t.dataSource.query('SELECT storage_key FROM attachments WHERE id = $1', [uploaded.body.id]);
    expect(storedFiles()).toEqual([key]);
    expect(key).not.toContain('müqavilə');

    const list = await as('rep1').get(`/api/v1/contacts/${contactId}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([uploaded.body.id]);

    const download = await as('rep1').get(`/api/v1/attachments/${uploaded.body.id}/content`).buffer(true).parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="m_qavil_ 2025.pdf"; filename*=UTF-8''m%C3%BCqavil%C9%99%202025.pdf`);
    expect(download.headers['cache-control']).toBe('no-store');
    expect(Buffer.compare(download.body as Buffer, content)).toBe(0);

    const [event] = await t.dataSource.query(`SELECT actor_id, kind, record_id, details FROM audit.events WHERE action = 'attachment.downloaded'`);
    expect(event).toMatchObject({ actor_id: ids.rep1, kind: 'app', record_id: uploaded.body.id, details: { contactId, sha256 } });
    const [insert] = await t.dataSource.query(`SELECT actor_id FROM audit.events WHERE table_name = 'attachments' AND action = 'insert' AND record_id = $1`, [uploaded.body.id]);
    expect(insert.actor_id).toBe(ids.rep1);
    // The upload is a change on the contact's timeline.
    const timeline = await as('rep1').get(`/api/v1/contacts/${contactId}/timeline?types=change`);
    expect(timeline.body.items[0]).toMatchObject({ type: 'change', change: { table: 'attachments', action: 'insert' } });
  });

  it('attaches files to companies too, and never lets a file act as a page of the CRM', async () => {
    const uploaded = await as('rep1').upload(`/api/v1/companies/${companyId}/attachments`, Buffer.from('<script>alert(1)</script>'), '../../etc/pass\u0007wd', 'text/html');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ companyId, contactId: null, fileName: 'passwd', contentType: 'text/html' });
    const list = await as('rep1').get(`/api/v1/companies/${companyId}/attachments`);
    expect(list.body.items).toHaveLength(1);
    const download = await as('rep1').get(`/api/v1/attachments/${uploaded.body.id}/content`);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a file over CRM_ATTACHMENT_MAX_BYTES with 413 problem+json and keeps nothing', async () => {
    const before = storedFiles().length;
    const res = await as('rep1').upload(`/api/v1/contacts/${contactId}/attachments`, randomBytes(MAX + 1), 'big.bin');
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toBe('urn:crm:problem:payload-too-large');
    expect(storedFiles().length).toBe(before);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM attachments WHERE file_name = 'big.bin'`);
    expect(n).toBe(0);
  });

  it('asks for a file', async () => {
    const res = await t.http().post(`/api/v1/contacts/${contactId}/attachments`).auth(tokens.rep1, { type: 'bearer' }).send({ file: 'not a file' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('file');
  });

  it('answers 404 to another rep on every route, and 403 to a role that may only read the contact', async () => {
    const [{ id }] = await t.dataSource.query('SELECT id FROM attachments WHERE contact_id = $1', [contactId]);
    expect((await as('rep2').get(`/api/v1/contacts/${contactId}/attachments`)).status).toBe(404);
    expect((await as('rep2').upload(`/api/v1/contacts/${contactId}/attachments`, Buffer.from('x'), 'x.txt')).status).toBe(404);
    expect((await as('rep2').get(`/api/v1/attachments/${id}/content`)).status).toBe(404);
    expect((await as('rep2').delete(`/api/v1/attachments/${id}`)).status).toBe(404);
    expect((await as('rep2').get(`/api/v1/companies/${companyId}/attachments`)).status).toBe(404);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit.events WHERE action = 'attachment.downloaded' AND actor_id = $1`, [ids.rep2]);
    expect(n).toBe(0);

    // The service agent reads every contact: lists and downloads, but may not add or remove files.
    expect((await as('agent').get(`/api/v1/contacts/${contactId}/attachments`)).status).toBe(200);
    expect((await as('agent').get(`/api/v1/attachments/${id}/content`)).status).toBe(200);
    expect((await as('agent').upload(`/api/v1/contacts/${contactId}/attachments`, Buffer.from('x'), 'x.txt')).status).toBe(403);
    expect((await as('agent').delete(`/api/v1/attachments/${id}`)).status).toBe(403);
    expect((await as('rep1').get(`/api/v1/attachments/${id}/content`)).status).toBe(200);
  });

  it('deletes the record and, after the commit, its file', async () => {
    const [{ id, storage_key: key }] = await t.dataSource.query('SELECT id, storage_key FROM attachments WHERE contact_id = $1', [contactId]);
    expect(existsSync(join(t.config.attachmentsDir, key))).toBe(true);
    expect((await as('rep1').delete(`/api/v1/attachments/${id}`)).status).toBe(204);
    expect(existsSync(join(t.config.attachmentsDir, key))).toBe(false);
    expect((await as('rep1').get(`/api/v1/attachments/${id}/content`)).status).toBe(404);
    expect((await as('rep1').get(`/api/v1/contacts/${contactId}/attachments`)).body.items).toEqual([]);
    const [event] = await t.dataSource.query(`SELECT actor_id FROM audit.events WHERE table_name = 'attachments' AND action = 'delete' AND record_id = $1`, [id]);
    expect(event.actor_id).toBe(ids.rep1);
  });

  it('deletes the files of a contact or company that is deleted, once the deletion has committed', async () => {
    const content = randomBytes(100);
    const contact = (await t.http().post('/api/v1/contacts').auth(tokens.rep1, { type: 'bearer' }).send({ name: 'Silinən Müştəri' })).body;
    const onContact = await as('rep1').upload(`/api/v1/contacts/${contact.id}/attachments`, content, 'a.pdf');
    const onCompany = await as('rep1').upload(`/api/v1/companies/${companyId}/attachments`, content, 'b.pdf');
    const keyOf = async (id: string): Promise<string> => (await t.dataSource.query('SELECT storage_key FROM attachments WHERE id = $1', [id]))[0].storage_key;
    const [contactFile, companyFile] = [await keyOf(onContact.body.id), await keyOf(onCompany.body.id)];

    // A stale version deletes nothing, the file stays.
    const stale = await t.http().delete(`/api/v1/contacts/${contact.id}`).set('If-Match', '"99"').auth(tokens.rep1, { type: 'bearer' });
    expect(stale.status).toBe(412);
    expect(storedFiles()).toContain(contactFile);

    expect((await t.http().delete(`/api/v1/contacts/${contact.id}`).set('If-Match', `"${contact.version}"`).auth(tokens.rep1, { type: 'bearer' })).status).toBe(204);
    expect(storedFiles()).not.toContain(contactFile);
    expect(storedFiles()).toContain(companyFile);
    const [{ version }] = await t.dataSource.query('SELECT version FROM companies WHERE id = $1', [companyId]);
    expect((await t.http().delete(`/api/v1/companies/${companyId}`).set('If-Match', `"${version}"`).auth(tokens.rep1, { type: 'bearer' })).status).toBe(204);
    expect(storedFiles()).not.toContain(companyFile);
    const events = await t.dataSource.query(
      `SELECT record_id, actor_id FROM audit.events WHERE table_name = 'attachments' AND action = 'delete' AND record_id = ANY($1)`,
      [[onContact.body.id, onCompany.body.id]],
    );
    expect(events).toHaveLength(2);
    expect(events.every((e: { actor_id: string }) => e.actor_id === ids.rep1)).toBe(true);
  });
});
