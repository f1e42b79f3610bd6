import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { createMongoAbility } from '@casl/ability';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { ExportMenu } from './export-menu';

describe('ExportMenu', () => {
  let fixture: ComponentFixture<ExportMenu>;
  let http: HttpTestingController;

  function setUp(rules: object[]): void {
    TestBed.configureTestingModule({
      imports: [ExportMenu, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: AuthStore, useValue: { ability: signal(createMongoAbility(rules as never)) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ExportMenu);
    fixture.componentRef.setInput('resource', 'contacts');
    fixture.componentRef.setInput('query', { q: 'Məmmədov', sort: 'name', ownerId: null });
  }

  const el = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const menuItem = (id: string): HTMLElement | null => document.querySelector(`[data-testid="${id}"]`);

  afterEach(() => http.verify());

  it('is absent for a role that may neither export nor create', async () => {
    setUp([{ action: 'read', subject: 'Contact' }]);
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="export-menu"]')).toBeNull();
  });

  it('downloads the export with the list filters and the chosen format', async () => {
    setUp([{ action: 'read', subject: 'Contact' }, { action: 'export', subject: 'Contact' }]);
    await fixture.whenStable();
    el().querySelector<HTMLButtonElement>('[data-testid="export-menu"]')!.click();
    await fixture.whenStable();
    expect(menuItem('import-link')).toBeNull();
    const created: string[] = [];
    const createObjectURL = jest.fn(() => 'blob:export');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      created.push(this.download);
    });
    menuItem('export-xlsx')!.click();
    const request = http.expectOne((r) => r.url === '/api/v1/contacts/export');
    expect(request.request.params.get('format')).toBe('xlsx');
    expect(request.request.params.get('q')).toBe('Məmmədov');
    expect(request.request.params.get('sort')).toBe('name');
    expect(request.request.params.has('ownerId')).toBe(false);
    request.flush(new Blob(['x']), { headers: { 'Content-Disposition': 'attachment; filename="contacts-2026-11-23.xlsx"' } });
    await fixture.whenStable();
    expect(created).toEqual(['contacts-2026-11-23.xlsx']);
    expect(createObjectURL).toHaveBeenCalled();
  });

  it('offers the import wizard to a role that may create', async () => {
    setUp([{ action: 'create', subject: 'Contact' }]);
    await fixture.whenStable();
    el().querySelector<HTMLButtonElement>('[data-testid="export-menu"]')!.click();
    await fixture.whenStable();
    expect(menuItem('export-csv')).toBeNull();
    expect(menuItem('import-link')?.getAttribute('href')).toBe('/import');
  });

  it('exports deals, which have no import wizard', async () => {
    setUp([{ action: 'create', subject: 'Deal' }, { action: 'export', subject: 'Deal' }]);
    fixture.componentRef.setInput('resource', 'deals');
    fixture.componentRef.setInput('query', { status: ['open'], sort: '-amount' });
    await fixture.whenStable();
    el().querySelector<HTMLButtonElement>('[data-testid="export-menu"]')!.click();
    await fixture.whenStable();
    expect(menuItem('import-link')).toBeNull();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:export'), revokeObjectURL: jest.fn() });
    menuItem('export-csv')!.click();
    const request = http.expectOne((r) => r.url === '/api/v1/deals/export');
    expect(request.request.params.getAll('status')).toEqual(['open']);
    expect(request.request.params.get('format')).toBe('csv');
    request.flush(new Blob(['x']));
  });
});
