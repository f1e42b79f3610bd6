import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { LanguageService } from '@app/core/i18n/language.service';
import type { ImportStatus, ImportUpload } from '../data-access/imports-api';
import { ImportWizardPage } from './import-wizard.page';

const ID = '11111111-1111-4111-8111-111111111111';
const uploaded: ImportUpload = {
  id: ID, entity: 'contact', fileName: 'list.csv', fileType: 'csv', headers: ['Ad', 'Telefon', 'Seqment'], totalRows: 2,
  sampleRows: [['Məmmədov Elçin', '0501234567', 'retail'], ['Həsənova Leyla', '12', 'vip']],
  suggestedMapping: { Ad: 'name', Telefon: 'phone' },
  targets: [{ target: 'name', multi: false }, { target: 'phone', multi: true }, { target: 'custom.segment', multi: false, labels: { en: 'Segment', az: 'Seqment' } }],
};
const done: ImportStatus = {
  id: ID, entity: 'contact', status: 'done', fileName: 'list.csv', fileType: 'csv', headers: uploaded.headers, totalRows: 2, processedRows: 2,
  createdCount: 1, updatedCount: 0, skippedCount: 0, failedCount: 1, errors: [{ row: 3, field: 'phone', message: '"12" is not a valid phone number' }],
  createdBy: 'u1', createdAt: '2026-01-01T00:00:00Z', startedAt: null, finishedAt: null, fileRemovedAt: null,
};
const en = { imports: { targets: { name: 'Name', phone: 'Phone' } } };

describe('ImportWizardPage', () => {
  let fixture: ComponentFixture<ImportWizardPage>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ImportWizardPage, TranslocoTestingModule.forRoot({ langs: { en }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideHttpClient(), provideHttpClientTesting(), provideRouter([]),
        { provide: LanguageService, useValue: { current: () => 'en', intlLocale: () => 'en-GB' } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ImportWizardPage);
  });

  afterEach(() => http.verify());

  const el = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const byTestId = (id: string): HTMLElement | null => el().querySelector(`[data-testid="${id}"]`);
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  }

  it('walks from the upload through the mapping and preview to the result with the rows not imported', async () => {
    await settle();
    const input = byTestId('import-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['Ad;Telefon\n'], 'list.csv')] });
    input.dispatchEvent(new Event('change'));
    http.expectOne('/api/v1/imports').flush(uploaded);
    await settle();
    expect(byTestId('import-uploaded')?.textContent).toContain('imports.upload.done');

    // The mapping shows each column with its sample values and the suggested field.
    const mapping = byTestId('import-mapping')!;
    expect(mapping.textContent).toContain('Məmmədov Elçin · Həsənova Leyla');
    expect(byTestId('map-Ad')?.textContent).toContain('Name');
    expect(byTestId('map-Telefon')?.textContent).toContain('Phone');
    expect(byTestId('map-Seqment')?.textContent).toContain('imports.mapping.skip');

    (byTestId('import-to-preview') as HTMLButtonElement).click();
    const preview = http.expectOne(`/api/v1/imports/${ID}/preview`);
    expect(preview.request.body).toEqual({ mapping: { Ad: 'name', Telefon: 'phone' }, options: { duplicates: 'skip' } });
    preview.flush({ totalRows: 2, valid: 1, invalid: 1, duplicates: 0, willCreate: 1, willUpdate: 0, willSkip: 0, rows: [], errors: done.errors });
    await settle();
    expect(byTestId('import-preview-errors')?.textContent).toContain('"12" is not a valid phone number');

    (byTestId('import-start') as HTMLButtonElement).click();
    http.expectOne(`/api/v1/imports/${ID}/run`).flush(done);
    await settle();
    await settle();
    expect(byTestId('import-created')?.textContent?.trim()).toBe('1');
    expect(byTestId('import-failed-count')?.textContent?.trim()).toBe('1');
    const failed = byTestId('import-failed-rows')!.textContent!;
    expect(failed).toContain('3');
    expect(failed).toContain('Phone');
    expect(failed).toContain('"12" is not a valid phone number');
  });
});
