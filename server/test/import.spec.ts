import ExcelJS from 'exceljs';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crm } from './support';
import { ImportFileRetention } from '../src/modules/customers/import/import-file-retention';
import { ImportsRepository } from '../src/modules/customers/import/imports.repository';
import { ImportsService } from '../src/modules/customers/import/imports.service';
import { createTestApp, TestApp, TestUser } from './test-app';

interface ImportStatus {
  status: string;
  createdCount: number;
  updatedCount: number;
  skippedCount: number;
  failedCount: number;
  processedRows: number;
  totalRows: number;
  errors: { row: number; field: string; message: string }[];
}

describe('imports', () => {
  let t: TestApp;
  let manager: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    manager = await t.createUser('imp.manager', ['manager']);
    rep = await t.createUser('imp.rep', ['sales_rep']);
    otherRep = await t.createUser('imp.rep2', ['sales_rep']);
    await t.dataSource.query(`UPDATE users SET email = 'rep2@example.az' WHERE id = $1`, [otherRep.id]);
    await t.createUser('imp.marketer', ['marketer']);
    for (const login of ['imp.manager', 'imp.rep', 'imp.rep2', 'imp.marketer']) {
      tokens[login] = (await t.login(login)).token;
    }
  });
  afterAll(() => t.close());

  const upload = (login: string, fileName: string, content: Buffer | string, entity = 'contact'): ReturnType<ReturnType<TestApp['http']>['post']> =>
    t.http().post('/api/v1/imports').auth(tokens[login], { type: 'bearer' }).field('entity', entity)
      .attach('file', typeof content === 'string' ? Buffer.from(content) : content, fileName);

  async function runToEnd(login: string, id: string, body: object): Promise<ImportStatus> {
    const started = await t.http().post(`/api/v1/imports/${id}/run`).auth(tokens[login], { type: 'bearer' }).send(body);
    expect(started.status).toBe(202);
    for (let i = 0; i < 600; i++) {
      const status = await t.http().get(`/api/v1/imports/${id}`).auth(tokens[login], { type: 'bearer' });
      if (status.body.status === 'done' || status.body.status === 'failed') {
        return status.body;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the import did not finish');
  }

  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;
  /** New records get their search document with the insert: it must be what the database's functions build. */
  const staleSearchDocuments = async (): Promise<number> =>
    (await count(`contacts WHERE search_text IS DISTINCT FROM contact_search_document(id)`)) + (await count(`companies WHERE search_text IS DISTINCT FROM company_search_document(id)`));

  it('imports a CSV with a bad row: the report names row and field, every other row is applied', async () => {
    const csv = '\uFEFFAd;Telefon;E-poçt;Şirkət;Vəzifə;Teqlər\n'
      + 'Məmmədov Elçin;050 123 45 67;ELCHIN@example.az;Azərsun MMC;Direktor;vip, bakı\n'
      + 'Həsənova Leyla;12;leyla@example.az;;;\n'
      + 'Quliyev Orxan;+994 55 777 88 99;orxan@example.az;Azərsun MMC;;\n';
    const uploaded = await upload('imp.manager', 'musteriler.csv', csv);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ fileType: 'csv', totalRows: 3, headers: ['Ad', 'Telefon', 'E-poçt', 'Şirkət', 'Vəzifə', 'Teqlər'] });
    expect(uploaded.body.sampleRows[0][0]).toBe('Məmmədov Elçin');
    const mapping = uploaded.body.suggestedMapping;
    expect(mapping).toEqual({ Ad: 'name', Telefon: 'phone', 'E-poçt': 'email', Şirkət: 'company', Vəzifə: 'jobTitle', Teqlər: 'tags' });

    const preview = await t.http().post(`/api/v1/imports/${uploaded.body.id}/preview`).auth(tokens['imp.manager'], { type: 'bearer' }).send({ mapping });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ totalRows: 3, valid: 2, invalid: 1, duplicates: 0, willCreate: 2 });
    expect(preview.body.rows[1].errors).toEqual([{ row: 3, field: 'phone', message: '"12" is not a valid phone number' }]);
    expect(await count(`contacts WHERE name = 'Məmmədov Elçin'`)).toBe(0);

    const result = await runToEnd('imp.manager', uploaded.body.id, { mapping, options: { duplicates: 'skip' } });
    expect(result).toMatchObject({ status: 'done', createdCount: 2, failedCount: 1, processedRows: 3, totalRows: 3 });
    expect(result.errors).toEqual([{ row: 3, field: 'phone', message: '"12" is not a valid phone number' }]);
    expect(await count(`contacts WHERE name = 'Həsənova Leyla'`)).toBe(0);

    const [elchin] = await t.dataSource.query(`SELECT id, email, phone, tags, owner_id, created_by FROM contacts WHERE name = 'Məmmədov Elçin'`);
    expect(elchin).toMatchObject({ email: 'elchin@example.az', phone: '+994501234567', tags: ['vip', 'bakı'], owner_id: manager.id, created_by: manager.id });
    const points = await t.dataSource.query(`SELECT kind, value, is_primary FROM contact_points WHERE contact_id = $1 ORDER BY position`, [elchin.id]);
    expect(points).toEqual([{ kind: 'email', value: 'elchin@example.az', is_primary: true }, { kind: 'phone', value: '+994501234567', is_primary: true }]);
    // One company for both rows, linked with the job title.
    expect(await count(`companies WHERE name = 'Azərsun MMC'`)).toBe(1);
    const [link] = await t.dataSource.query(`SELECT l.job_title, l.is_primary FROM contact_companies l JOIN companies co ON co.id = l.company_id WHERE l.contact_id = $1`, [elchin.id]);
    expect(link).toEqual({ job_title: 'Direktor', is_primary: true });
    // Search documents were rebuilt: the list finds the contact by folded name, phone digits and company.
    const search = async (q: string): Promise<string[]> =>
      (await t.http().get('/api/v1/contacts').query({ q }).auth(tokens['imp.manager'], { type: 'bearer' })).body.items.map((c: { name: string }) => c.name);
    expect(await search('memmedov')).toEqual(['Məmmədov Elçin']);
    expect(await search('7778899')).toEqual(['Quliyev Orxan']);
    expect((await search('azersun')).sort()).toEqual(['Məmmədov Elçin', 'Quliyev Orxan']);
    expect(await staleSearchDocuments()).toBe(0);

    // The audit trail: the rows were inserted by the importer, and the import itself is an event with counts.
    const [inserted] = await t.dataSource.query(`SELECT actor_id FROM audit.events WHERE table_name = 'contacts' AND record_id = $1 AND action = 'insert'`, [elchin.id]);
    expect(inserted.actor_id).toBe(manager.id);
    const [completed] = await t.dataSource.query(`SELECT actor_id, details FROM audit.events WHERE action = 'import.completed' AND record_id = $1`, [uploaded.body.id]);
    expect(completed.actor_id).toBe(manager.id);
    expect(completed.details).toMatchObject({ entity: 'contact', total: 3, created: 2, failed: 1, skipped: 0, updated: 0 });

    const failedRows = await t.http().get(`/api/v1/imports/${uploaded.body.id}/failed-rows`).auth(tokens['imp.manager'], { type: 'bearer' });
    expect(failedRows.status).toBe(200);
    expect(failedRows.text).toContain('Həsənova Leyla,12,leyla@example.az,,,,3,"phone: ""12"" is not a valid phone number"');

    const again = await t.http().post(`/api/v1/imports/${uploaded.body.id}/run`).auth(tokens['imp.manager'], { type: 'bearer' }).send({ mapping });
    expect(again.status).toBe(409);
  });

  it('runs an import whose parsed rows are no longer in memory from its stored file', async () => {
    const first = await upload('imp.manager', 'first.csv', 'Name;Phone\nStored File One;+994 50 400 00 01\nStored File Two;\n');
    // Newer uploads take the places of the parsed files kept in memory.
    for (const name of ['second.csv', 'third.csv', 'fourth.csv']) {
      expect((await upload('imp.manager', name, 'Name\nNever Run\n')).status).toBe(201);
    }
    const result = await runToEnd('imp.manager', first.body.id, { mapping: { Name: 'name', Phone: 'phone' } });
    expect(result).toMatchObject({ status: 'done', createdCount: 2, failedCount: 0 });
    expect(await t.dataSource.query(`SELECT name, phone FROM contacts WHERE name LIKE 'Stored File%' ORDER BY name`)).toEqual([
      { name: 'Stored File One', phone: '+994504000001' },
      { name: 'Stored File Two', phone: null },
    ]);
  });

  it('imports the first sheet of an XLSX file', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Müştərilər');
    sheet.addRow(['Name', 'Email', 'Phone', 'Lifecycle', 'Source', 'City']);
    sheet.addRow(['Xlsx Aysel', 'aysel@example.az', 994501110001, 'Müştəri', 'Reklam', 'Bakı']);
    sheet.addRow(['Xlsx Fuad', 'fuad@example.az', '+994 50 111 00 02', 'prospect', 'referral', 'Gəncə']);
    workbook.addWorksheet('Other').addRow(['ignored']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const uploaded = await upload('imp.manager', 'list.xlsx', content);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ fileType: 'xlsx', totalRows: 2 });
    const result = await runToEnd('imp.manager', uploaded.body.id, { mapping: uploaded.body.suggestedMapping });
    expect(result).toMatchObject({ status: 'done', createdCount: 2, failedCount: 0 });
    const rows = await t.dataSource.query(`SELECT name, phone, lifecycle, source, addresses FROM contacts WHERE name LIKE 'Xlsx %' ORDER BY name`);
    expect(rows).toEqual([
      { name: 'Xlsx Aysel', phone: '+994501110001', lifecycle: 'customer', source: 'advertising', addresses: [{ kind: 'other', line1: '', city: 'Bakı', region: null, postalCode: null, country: null }] },
      { name: 'Xlsx Fuad', phone: '+994501110002', lifecycle: 'prospect', source: 'referral', addresses: [{ kind: 'other', line1: '', city: 'Gəncə', region: null, postalCode: null, country: null }] },
    ]);
  });

  it('imports vCard 3 and 4 cards with several phones and e-mails', async () => {
    const vcf = [
      'BEGIN:VCARD', 'VERSION:3.0', 'N:Rzayev;Vcard;;;', 'FN:Vcard Rzayev', 'ORG:Vcard Holding', 'TITLE:Mühasib',
      'TEL;TYPE=CELL:+994 70 200 30 40', 'TEL;TYPE=WORK:012 555 66 77', 'EMAIL:vcard.rzayev@example.az', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:4.0', 'FN:Vcard Nərmin', 'EMAIL;TYPE=work:nermin.v@example.az', 'EMAIL;TYPE=home:nermin.home@example.az',
      'TEL;VALUE=uri;TYPE=cell:tel:+994-55-300-40-50', 'ADR;TYPE=work:;;Nizami 10;Bakı;;AZ1000;Azərbaycan', 'END:VCARD', '',
    ].join('\r\n');
    const uploaded = await upload('imp.manager', 'phone-book.vcf', vcf);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ fileType: 'vcard', totalRows: 2 });
    expect(uploaded.body.suggestedMapping).toMatchObject({ Name: 'name', Email: 'email', Phone: 'phone', Company: 'company', 'Job title': 'jobTitle', City: 'city' });
    const result = await runToEnd('imp.manager', uploaded.body.id, { mapping: uploaded.body.suggestedMapping });
    expect(result).toMatchObject({ status: 'done', createdCount: 2, failedCount: 0 });
    const points = await t.dataSource.query(
      `SELECT c.name, array_agg(p.value ORDER BY p.position) AS v FROM contacts c JOIN contact_points p ON p.contact_id = c.id WHERE c.name LIKE 'Vcard %' GROUP BY c.name ORDER BY c.name`,
    );
    expect(points).toEqual([
      { name: 'Vcard Nərmin', v: ['nermin.v@example.az', 'nermin.home@example.az', '+994553004050'] },
      { name: 'Vcard Rzayev', v: ['vcard.rzayev@example.az', '+994702003040', '+994125556677'] },
    ]);
    const [nermin] = await t.dataSource.query(`SELECT addresses FROM contacts WHERE name = 'Vcard Nərmin'`);
    expect(nermin.addresses[0]).toMatchObject({ line1: 'Nizami 10', city: 'Bakı', postalCode: 'AZ1000', country: 'Azərbaycan' });
    expect(await staleSearchDocuments()).toBe(0);
  });

  it('maps custom fields and owners, validating both', async () => {
    await t.dataSource.query(
      `INSERT INTO custom_field_definitions (entity, key, type, labels, options) VALUES
         ('contact', 'segment', 'select', '{"az": "Seqment", "en": "Segment"}', '["retail", "wholesale"]'),
         ('contact', 'budget', 'number', '{"az": "Büdcə", "en": "Budget"}', '[]')`,
    );
    const csv = 'Name,Seqment,Büdcə,Məsul şəxs\nCustom Bir,wholesale,"1500,50",imp.rep2\nCustom İki,gold,abc,rep2@example.az\nCustom Üç,retail,10,nobody\n';
    const uploaded = await upload('imp.manager', 'custom.csv', csv);
    expect(uploaded.body.suggestedMapping).toEqual({ Name: 'name', Seqment: 'custom.segment', Büdcə: 'custom.budget', 'Məsul şəxs': 'owner' });
    const result = await runToEnd('imp.manager', uploaded.body.id, { mapping: uploaded.body.suggestedMapping });
    expect(result).toMatchObject({ status: 'done', createdCount: 1, failedCount: 2 });
    expect(result.errors).toEqual([
      { row: 3, field: 'custom.segment', message: '"gold" is not one of the options of segment' },
      { row: 3, field: 'custom.budget', message: '"abc" is not a number' },
      { row: 4, field: 'owner', message: '"nobody" is not an active user\'s login or e-mail' },
    ]);
    const [row] = await t.dataSource.query(`SELECT owner_id, custom, created_by FROM contacts WHERE name = 'Custom Bir'`);
    expect(row).toEqual({ owner_id: otherRep.id, custom: { segment: 'wholesale', budget: 1500.5 }, created_by: manager.id });

    const unknown = await t.http().post(`/api/v1/imports/${uploaded.body.id}/preview`).auth(tokens['imp.manager'], { type: 'bearer' })
      .send({ mapping: { Name: 'name', Seqment: 'custom.nope', Missing: 'email' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { field: 'mapping.Seqment', message: '"custom.nope" is not a field of a contact' },
      { field: 'mapping.Missing', message: 'is not a column of the file' },
    ]);
  });

  describe('duplicates', () => {
    const file = 'Name,Email,Phone,Tags\nDup Updated,dup.one@example.az,,new\nDup Two,,+994 50 999 00 02,\nDup Fresh,dup.fresh@example.az,,\nDup Fresh Again,DUP.FRESH@example.az,,\n';
    let existing: string[];

    beforeEach(async () => {
      await t.dataSource.query(`DELETE FROM contacts WHERE name LIKE 'Dup %'`);
      existing = [];
      for (const body of [{ name: 'Dup One', email: 'dup.one@example.az' }, { name: 'Dup Two', phone: '+994509990002' }]) {
        const created = await t.http().post('/api/v1/contacts').auth(tokens['imp.manager'], { type: 'bearer' }).send(body);
        existing.push(created.body.id);
      }
      // Contact points are written by the records work; until then the test adds the ones the contacts above stand for.
      await t.dataSource.query(
        `INSERT INTO contact_points (contact_id, kind, value, is_primary) SELECT id, 'email', email, true FROM contacts WHERE name = 'Dup One'
         UNION ALL SELECT id, 'phone', phone, true FROM contacts WHERE name = 'Dup Two'`,
      );
      await t.dataSource.query(`UPDATE contacts SET search_text = contact_search_document(id) WHERE name LIKE 'Dup %'`);
    });

    const importWith = async (duplicates: string): Promise<ImportStatus> => {
      const uploaded = await upload('imp.manager', 'dups.csv', file);
      return runToEnd('imp.manager', uploaded.body.id, { mapping: { Name: 'name', Email: 'email', Phone: 'phone', Tags: 'tags' }, options: { duplicates } });
    };
    const names = async (): Promise<string[]> => (await t.dataSource.query(`SELECT name FROM contacts WHERE name LIKE 'Dup %' ORDER BY name`)).map((r: { name: string }) => r.name);

    it('skips rows matching an existing contact or an earlier row', async () => {
      expect(await importWith('skip')).toMatchObject({ status: 'done', createdCount: 1, skippedCount: 3, updatedCount: 0 });
      expect(await names()).toEqual(['Dup Fresh', 'Dup One', 'Dup Two']);
    });

    it('updates the matching contact with the mapped fields', async () => {
      expect(await importWith('update')).toMatchObject({ status: 'done', createdCount: 1, skippedCount: 1, updatedCount: 2 });
      expect(await names()).toEqual(['Dup Fresh', 'Dup Two', 'Dup Updated']);
      const [updated] = await t.dataSource.query(`SELECT id, tags, version FROM contacts WHERE name = 'Dup Updated'`);
      expect(updated).toEqual({ id: existing[0], tags: ['new'], version: 2 });
    });

    it('creates every row when asked to', async () => {
      expect(await importWith('create')).toMatchObject({ status: 'done', createdCount: 4, skippedCount: 0 });
      expect(await names()).toEqual(['Dup Fresh', 'Dup Fresh Again', 'Dup One', 'Dup Two', 'Dup Two', 'Dup Updated']);
    });

    it('reports a row matching a contact the importer may not change, instead of updating it', async () => {
      const uploaded = await upload('imp.rep', 'dups.csv', file);
      const result = await runToEnd('imp.rep', uploaded.body.id, { mapping: { Name: 'name', Email: 'email', Phone: 'phone' }, options: { duplicates: 'update' } });
      expect(result).toMatchObject({ status: 'done', createdCount: 1, updatedCount: 0, skippedCount: 1, failedCount: 2 });
      expect(result.errors).toEqual([
        { row: 2, field: 'email', message: 'matches a contact your role does not allow changing' },
        { row: 3, field: 'phone', message: 'matches a contact your role does not allow changing' },
      ]);
      expect(await names()).toEqual(['Dup Fresh', 'Dup One', 'Dup Two']);
    });
  });

  it('applies nothing when the load fails unexpectedly, and marks the import failed', async () => {
    await t.dataSource.query(`
      CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'Boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
    await t.dataSource.query(`CREATE TRIGGER refuse_boom BEFORE INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION refuse_boom()`);
    try {
      const before = await count('contacts');
      const companiesBefore = await count('companies');
      const uploaded = await upload('imp.manager', 'boom.csv', 'Name,Company\nAtomic One,Atomic LLC\nBoom,\nAtomic Two,\n');
      const result = await runToEnd('imp.manager', uploaded.body.id, { mapping: { Name: 'name', Company: 'company' } });
      expect(result).toMatchObject({ status: 'failed', createdCount: 0 });
      expect(result.errors[0].message).toMatch(/^Nothing was imported/);
      expect(await count('contacts')).toBe(before);
      expect(await count('companies')).toBe(companiesBefore);
      expect(await count(`audit.events WHERE action = 'import.completed' AND record_id = $1`, [uploaded.body.id])).toBe(0);
    } finally {
      await t.dataSource.query(`DROP TRIGGER refuse_boom ON contacts; DROP FUNCTION refuse_boom()`);
    }
  });

  describe('an import whose server stopped during the run', () => {
    /** An upload left as a stopped server leaves it: running for `minutes`, nothing applied. */
    async function leftRunning(fileName: string, minutes: number): Promise<string> {
      const uploaded = await upload('imp.manager', fileName, 'Name\nLeft Running\n');
      await t.dataSource.query(
        `UPDATE imports SET status = 'running', mapping = '{"Name": "name"}', options = '{"duplicates": "skip"}', started_at = now() - make_interval(mins => $2) WHERE id = $1`,
        [uploaded.body.id, minutes],
      );
      return uploaded.body.id;
    }
    const poll = async (id: string): Promise<ImportStatus> => (await t.http().get(`/api/v1/imports/${id}`).auth(tokens['imp.manager'], { type: 'bearer' }).expect(200)).body;

    it('is failed when polled, once no transaction runs it, and can be uploaded again', async () => {
      const id = await leftRunning('stopped.csv', 2);
      const result = await poll(id);
      expect(result).toMatchObject({ status: 'failed', createdCount: 0, failedCount: 1 });
      expect(result.errors).toEqual([{ row: 0, field: 'file', message: 'Nothing was imported: the server stopped during the import; upload the file again to import it' }]);
      const again = await t.http().post(`/api/v1/imports/${id}/run`).auth(tokens['imp.manager'], { type: 'bearer' }).send({ mapping: { Name: 'name' } });
      expect(again.status).toBe(409);
    });

    it('stays running while a transaction holds its run, and within its first minute', async () => {
      const held = await leftRunning('held.csv', 5);
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await t.app.get(ImportsRepository).holdRun(runner.manager, held);
        expect((await poll(held)).status).toBe('running');
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
      expect((await poll(held)).status).toBe('failed');

      const fresh = await leftRunning('fresh.csv', 0);
      expect((await poll(fresh)).status).toBe('running');
      await t.dataSource.query(`UPDATE imports SET status = 'failed' WHERE id = $1`, [fresh]);
    });

    it('is failed when an instance starts', async () => {
      const id = await leftRunning('restart.csv', 3);
      await t.app.get(ImportsService).onApplicationBootstrap();
      const [row] = await t.dataSource.query(`SELECT status, errors FROM imports WHERE id = $1`, [id]);
      expect(row.status).toBe('failed');
      expect(row.errors[0].message).toMatch(/^Nothing was imported: the server stopped/);
    });
  });

  describe('keeping uploaded files (CRM_IMPORT_FILE_DAYS, 30 by default)', () => {
    const storedFile = async (id: string): Promise<string> =>
      join(t.config.dataDir, (await t.dataSource.query(`SELECT storage_key FROM imports WHERE id = $1`, [id]))[0].storage_key);
    const uploadedDaysAgo = async (id: string, days: number): Promise<void> => {
      await t.dataSource.query(`UPDATE imports SET created_at = now() - make_interval(days => $2) WHERE id = $1`, [id, days]);
    };

    it('removes older files with an audit event; the import keeps its counts and reasons, its file answers 410', async () => {
      const done = await upload('imp.manager', 'old-done.csv', 'Name;Phone\nRetention Kept Row;\nRetention Bad Row;12\n');
      const mapping = { Name: 'name', Phone: 'phone' };
      expect(await runToEnd('imp.manager', done.body.id, { mapping })).toMatchObject({ status: 'done', createdCount: 1, failedCount: 1 });
      const neverRun = await upload('imp.manager', 'old-never-run.csv', 'Name\nRetention Never Run\n');
      const running = await upload('imp.manager', 'old-running.csv', 'Name\nRetention Running\n');
      await t.dataSource.query(`UPDATE imports SET status = 'running', started_at = now() WHERE id = $1`, [running.body.id]);
      const recent = await upload('imp.manager', 'recent.csv', 'Name\nRetention Recent\n');
      for (const id of [done.body.id, neverRun.body.id, running.body.id]) {
        await uploadedDaysAgo(id, 31);
      }
      await uploadedDaysAgo(recent.body.id, 29);
      const files = Object.fromEntries(await Promise.all([done, neverRun, running, recent].map(async (u) => [u.body.id, await storedFile(u.body.id)])));

      expect(await t.app.get(ImportFileRetention).removeExpired()).toBe(2);
      expect(existsSync(files[done.body.id])).toBe(false);
      expect(existsSync(files[neverRun.body.id])).toBe(false);
      expect(existsSync(files[running.body.id])).toBe(true);
      expect(existsSync(files[recent.body.id])).toBe(true);

      const status = await t.http().get(`/api/v1/imports/${done.body.id}`).auth(tokens['imp.manager'], { type: 'bearer' }).expect(200);
      expect(status.body).toMatchObject({ status: 'done', createdCount: 1, failedCount: 1 });
      expect(status.body.errors).toEqual([{ row: 3, field: 'phone', message: '"12" is not a valid phone number' }]);
      expect(Date.parse(status.body.fileRemovedAt)).toBeGreaterThan(Date.now() - 60_000);
      const recentStatus = await t.http().get(`/api/v1/imports/${recent.body.id}`).auth(tokens['imp.manager'], { type: 'bearer' }).expect(200);
      expect(recentStatus.body.fileRemovedAt).toBeNull();

      const failedRows = await t.http().get(`/api/v1/imports/${done.body.id}/failed-rows`).auth(tokens['imp.manager'], { type: 'bearer' });
      expect(failedRows.status).toBe(410);
      expect(failedRows.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(failedRows.body.detail).toBe('The uploaded file of this import is no longer kept (files are kept for 30 days); upload it again to import it');
      // The upload that never ran is still parsed in this instance's memory: the removal wins all the same.
      const preview = await t.http().post(`/api/v1/imports/${neverRun.body.id}/preview`).auth(tokens['imp.manager'], { type: 'bearer' }).send({ mapping: { Name: 'name' } });
      expect(preview.status).toBe(410);
      const run = await t.http().post(`/api/v1/imports/${neverRun.body.id}/run`).auth(tokens['imp.manager'], { type: 'bearer' }).send({ mapping: { Name: 'name' } });
      expect(run.status).toBe(410);
      expect((await t.dataSource.query(`SELECT status FROM imports WHERE id = $1`, [neverRun.body.id]))[0].status).toBe('uploaded');
      expect(await count(`contacts WHERE name = 'Retention Never Run'`)).toBe(0);

      const events = await t.dataSource.query(
        `SELECT record_id, actor_id, details FROM audit.events WHERE action = 'import.file.removed' AND record_id = ANY($1) ORDER BY record_id`,
        [[done.body.id, neverRun.body.id]],
      );
      expect(events).toHaveLength(2);
      expect(events.map((e: { record_id: string }) => e.record_id).sort()).toEqual([done.body.id, neverRun.body.id].sort());
      expect(events.every((e: { actor_id: string | null }) => e.actor_id === null)).toBe(true);
      expect(events.map((e: { details: { fileName: string; keptDays: number } }) => [e.details.fileName, e.details.keptDays]).sort())
        .toEqual([['old-done.csv', 30], ['old-never-run.csv', 30]]);

      // Once removed, a file is not removed again.
      expect(await t.app.get(ImportFileRetention).removeExpired()).toBe(0);
      await t.dataSource.query(`UPDATE imports SET status = 'failed', created_at = now() WHERE id = $1`, [running.body.id]);
    });

    it('are removed from the command line too, where no instance runs background jobs', async () => {
      const old = await upload('imp.manager', 'old-cli.csv', 'Name\nRemoved By Cli\n');
      await uploadedDaysAgo(old.body.id, 40);
      const file = await storedFile(old.body.id);
      const env = { DATABASE_URL: t.databaseUrl, CRM_DATA_DIR: t.config.dataDir, LOG_LEVEL: 'silent' };
      expect(await crm(['remove-import-files'], env)).toEqual({ code: 0, stdout: 'import files older than 30 days removed: 1\n', stderr: '' });
      expect(existsSync(file)).toBe(false);
      expect(await count(`audit.events WHERE action = 'import.file.removed' AND record_id = $1`, [old.body.id])).toBe(1);
    });

    it('answers 410, not an error, for a stored file that is missing', async () => {
      const first = await upload('imp.manager', 'lost.csv', 'Name\nLost File\n');
      // Newer uploads take the places of the parsed files kept in memory.
      for (const name of ['lost-2.csv', 'lost-3.csv']) {
        expect((await upload('imp.manager', name, 'Name\nNever Run\n')).status).toBe(201);
      }
      rmSync(await storedFile(first.body.id));
      const preview = await t.http().post(`/api/v1/imports/${first.body.id}/preview`).auth(tokens['imp.manager'], { type: 'bearer' }).send({ mapping: { Name: 'name' } });
      expect(preview.status).toBe(410);
    });
  });

  it('imports companies, matching duplicates by tax id first', async () => {
    const csv = 'Şirkət,VÖEN,Hüquqi forma,Sahə,Telefon\nVoen MMC,1400057421,MMC,Tikinti,012 404 00 00\nVoen Təkrar,1400057421,,,\nVoen ASC,9900001234,ASC,Bank,\n';
    const uploaded = await upload('imp.manager', 'companies.csv', csv, 'company');
    expect(uploaded.body.suggestedMapping).toEqual({ Şirkət: 'name', VÖEN: 'taxId', 'Hüquqi forma': 'legalForm', Sahə: 'industry', Telefon: 'phone' });
    const result = await runToEnd('imp.manager', uploaded.body.id, { mapping: uploaded.body.suggestedMapping });
    expect(result).toMatchObject({ status: 'done', createdCount: 2, skippedCount: 1 });
    const rows = await t.dataSource.query(`SELECT name, tax_id, legal_form, industry, phone, search_text <> '' AS searchable FROM companies WHERE name LIKE 'Voen %' ORDER BY name`);
    expect(rows).toEqual([
      { name: 'Voen ASC', tax_id: '9900001234', legal_form: 'ASC', industry: 'Bank', phone: null, searchable: true },
      { name: 'Voen MMC', tax_id: '1400057421', legal_form: 'MMC', industry: 'Tikinti', phone: '+994124040000', searchable: true },
    ]);
    const again = await upload('imp.manager', 'companies.csv', 'Name,Tax id,Industry\nVoen MMC Yeni,1400057421,İnşaat\n', 'company');
    expect(await runToEnd('imp.manager', again.body.id, { mapping: again.body.suggestedMapping, options: { duplicates: 'update' } })).toMatchObject({ updatedCount: 1, createdCount: 0 });
    expect((await t.dataSource.query(`SELECT name, industry FROM companies WHERE tax_id = '1400057421'`))).toEqual([{ name: 'Voen MMC Yeni', industry: 'İnşaat' }]);
    expect(await staleSearchDocuments()).toBe(0);
  });

  it('imports from the command line as a user, with the mapping from the headers', async () => {
    const file = join(t.config.dataDir, 'cli-import.csv');
    writeFileSync(file, 'Ad Soyad,Mobil,E-poçt\nCli Kamran,055 444 33 22,kamran.cli@example.az\nCli Səhv,55,\n');
    const env = { DATABASE_URL: t.databaseUrl, CRM_DATA_DIR: t.config.dataDir, LOG_LEVEL: 'silent' };
    const result = await crm(['import', file, '--entity', 'contact', '--as', 'imp.rep', '--duplicates', 'update'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      'cli-import.csv: 2 rows; columns: Ad Soyad -> name, Mobil -> phone, E-poçt -> email\n'
      + 'row 3, phone: "55" is not a valid phone number\n'
      + '1 created, 0 updated, 0 skipped, 1 failed\n',
    );
    const [row] = await t.dataSource.query(`SELECT phone, owner_id FROM contacts WHERE name = 'Cli Kamran'`);
    expect(row).toEqual({ phone: '+994554443322', owner_id: rep.id });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit.events WHERE request_id = 'cli:import' AND actor_id = $1 AND table_name = 'contacts'`, [rep.id]);
    expect(n).toBe(1);

    const refused = await crm(['import', file, '--entity', 'contact', '--as', 'imp.marketer'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('does not allow creating contacts');
    expect((await crm(['import', file, '--entity', 'deal', '--as', 'imp.rep'], env)).code).toBe(2);
  });

  it('reads phone numbers without a country code in the configured region, as the API does', async () => {
    const file = join(t.config.dataDir, 'cli-import-tr.csv');
    writeFileSync(file, 'Ad Soyad,Mobil,WhatsApp\nRegion Ayşe,0532 111 22 33,0532 111 22 34\nRegion Səhv,0532,\n');
    const env = { DATABASE_URL: t.databaseUrl, CRM_DATA_DIR: t.config.dataDir, LOG_LEVEL: 'silent', CRM_DEFAULT_PHONE_REGION: 'TR' };
    const result = await crm(['import', file, '--entity', 'contact', '--as', 'imp.rep'], env);
    expect(result.stdout).toContain('row 3, phone: "0532" is not a valid phone number\n');
    expect(result.stdout).toContain('1 created, 0 updated, 0 skipped, 1 failed\n');
    const points = await t.dataSource.query(
      `SELECT p.kind, p.channel, p.value FROM contact_points p JOIN contacts c ON c.id = p.contact_id WHERE c.name = 'Region Ayşe' ORDER BY p.position`,
    );
    expect(points).toEqual([{ kind: 'phone', channel: null, value: '+905321112233' }, { kind: 'messenger', channel: 'whatsapp', value: '+905321112234' }]);
  });

  describe('permissions', () => {
    it('shows an import only to its uploader (and administrators)', async () => {
      const uploaded = await upload('imp.rep', 'mine.csv', 'Name\nOnly Mine\n');
      expect(uploaded.status).toBe(201);
      const id = uploaded.body.id;
      for (const request of [
        t.http().get(`/api/v1/imports/${id}`),
        t.http().get(`/api/v1/imports/${id}/failed-rows`),
        t.http().post(`/api/v1/imports/${id}/preview`).send({ mapping: { Name: 'name' } }),
        t.http().post(`/api/v1/imports/${id}/run`).send({ mapping: { Name: 'name' } }),
      ]) {
        expect((await request.auth(tokens['imp.rep2'], { type: 'bearer' })).status).toBe(404);
      }
      expect(await count(`contacts WHERE name = 'Only Mine'`)).toBe(0);
      const admin = await t.createUser('imp.admin', ['admin']);
      const { token } = await t.login(admin.login);
      expect((await t.http().get(`/api/v1/imports/${id}`).auth(token, { type: 'bearer' })).status).toBe(200);
      expect((await t.http().get(`/api/v1/imports/${id}`)).status).toBe(401);
    });

    it('refuses a role that may not create contacts', async () => {
      const res = await upload('imp.marketer', 'x.csv', 'Name\nNope\n');
      expect(res.status).toBe(403);
      expect(await count(`imports WHERE file_name = 'x.csv'`)).toBe(0);
    });

    it('needs the assign permission to give the rows to another owner', async () => {
      const uploaded = await upload('imp.rep', 'assign.csv', 'Name,Owner\nRep Own,\nRep Gives,imp.rep2\n');
      const asOther = await t.http().post(`/api/v1/imports/${uploaded.body.id}/run`).auth(tokens['imp.rep'], { type: 'bearer' })
        .send({ mapping: { Name: 'name' }, options: { ownerId: otherRep.id } });
      expect(asOther.status).toBe(403);
      const result = await runToEnd('imp.rep', uploaded.body.id, { mapping: { Name: 'name', Owner: 'owner' } });
      expect(result).toMatchObject({ status: 'done', createdCount: 1, failedCount: 1 });
      expect(result.errors).toEqual([{ row: 3, field: 'owner', message: 'your role does not allow creating a contact for this owner' }]);
      expect((await t.dataSource.query(`SELECT owner_id FROM contacts WHERE name = 'Rep Own'`))[0].owner_id).toBe(rep.id);
    });

    it('answers bad uploads with problem+json naming the field', async () => {
      const noEntity = await t.http().post('/api/v1/imports').auth(tokens['imp.manager'], { type: 'bearer' }).attach('file', Buffer.from('Name\nA\n'), 'a.csv');
      expect(noEntity.status).toBe(400);
      expect(noEntity.body.errors).toEqual([{ field: 'entity', message: 'must be contact or company' }]);
      const wrongType = await upload('imp.manager', 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.errors[0].field).toBe('file');
      const json = await t.http().post('/api/v1/imports').auth(tokens['imp.manager'], { type: 'bearer' }).send({ entity: 'contact' });
      expect(json.status).toBe(400);
    });
  });
});
