import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ImportWizardStore, POLL_MS } from './import-wizard.store';
import type { ImportStatus, ImportUpload } from './imports-api';

const ID = '11111111-1111-4111-8111-111111111111';
const uploaded: ImportUpload = {
  id: ID, entity: 'contact', fileName: 'list.csv', fileType: 'csv', headers: ['Ad', 'Telefon', 'Qeyd'], totalRows: 2,
  sampleRows: [['Elçin', '0501234567', 'x']], suggestedMapping: { Ad: 'name', Telefon: 'phone' },
  targets: [{ target: 'name', multi: false }, { target: 'phone', multi: true }],
};
const status = (overrides: Partial<ImportStatus> = {}): ImportStatus => ({
  id: ID, entity: 'contact', status: 'running', fileName: 'list.csv', fileType: 'csv', headers: uploaded.headers, totalRows: 2,
  processedRows: 0, createdCount: 0, updatedCount: 0, skippedCount: 0, failedCount: 0, errors: [], createdBy: 'u1',
  createdAt: '2026-01-01T00:00:00Z', startedAt: null, finishedAt: null, fileRemovedAt: null, ...overrides,
});

describe('ImportWizardStore', () => {
  let store: InstanceType<typeof ImportWizardStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [ImportWizardStore, provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(ImportWizardStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    jest.useRealTimers();
    http.verify();
  });

  async function upload(): Promise<void> {
    store.setEntity('company');
    store.upload(new File(['Ad;Telefon\n'], 'list.csv', { type: 'text/csv' }));
    const request = http.expectOne('/api/v1/imports');
    const form = request.request.body as FormData;
    expect(form.get('entity')).toBe('company');
    expect((form.get('file') as File).name).toBe('list.csv');
    request.flush({ ...uploaded, entity: 'company' });
  }

  it('uploads the file with its entity and prefills the mapping from the suggestions', async () => {
    await upload();
    expect(store.mapping()).toEqual({ Ad: 'name', Telefon: 'phone', Qeyd: '' });
    expect(store.nameMapped()).toBe(true);
    store.map('Ad', '');
    expect(store.nameMapped()).toBe(false);
  });

  it('previews with the mapped columns only and the duplicate handling', async () => {
    await upload();
    store.map('Qeyd', 'tags');
    store.setDuplicates('update');
    store.preview();
    const request = http.expectOne(`/api/v1/imports/${ID}/preview`);
    expect(request.request.body).toEqual({ mapping: { Ad: 'name', Telefon: 'phone', Qeyd: 'tags' }, options: { duplicates: 'update' } });
    request.flush({ totalRows: 2, valid: 1, invalid: 1, duplicates: 0, willCreate: 1, willUpdate: 0, willSkip: 0, rows: [], errors: [{ row: 3, field: 'phone', message: 'bad' }] });
    expect(store.previewResult()?.invalid).toBe(1);
  });

  it('runs, polls the progress until the import is finished, then stops asking', async () => {
    await upload();
    jest.useFakeTimers();
    store.run();
    http.expectOne(`/api/v1/imports/${ID}/run`).flush(status());
    expect(store.running()).toBe(true);

    jest.advanceTimersByTime(POLL_MS);
    http.expectOne(`/api/v1/imports/${ID}`).flush(status({ processedRows: 1 }));
    expect(store.progress()).toBe(50);
    expect(store.finished()).toBe(false);

    jest.advanceTimersByTime(POLL_MS);
    http.expectOne(`/api/v1/imports/${ID}`).flush(status({ status: 'done', processedRows: 2, createdCount: 1, failedCount: 1 }));
    expect(store.finished()).toBe(true);
    expect(store.status()?.createdCount).toBe(1);

    jest.advanceTimersByTime(POLL_MS * 3);
    http.expectNone(`/api/v1/imports/${ID}`);
  });

  it('keeps the problem of a refused run', async () => {
    await upload();
    store.run();
    http.expectOne(`/api/v1/imports/${ID}/run`).flush(
      { type: 'urn:crm:problem:forbidden', title: 'Forbidden', status: 403, detail: 'no' },
      { status: 403, statusText: 'Forbidden' },
    );
    expect(store.errorCode()).toBe('forbidden');
    expect(store.status()).toBeNull();
  });
});
