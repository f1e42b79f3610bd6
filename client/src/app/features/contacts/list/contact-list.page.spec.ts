import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { createMongoAbility } from '@casl/ability';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { LanguageService } from '@app/core/i18n/language.service';
import type { Contact } from '../data-access/contacts-api';
import { ContactListPage } from './contact-list.page';

const contact = (id: string, name: string): Contact => ({
  id, name, email: `${id}@example.az`, phone: '+994501234567', ownerId: 'u1', ownerName: 'Aysel',
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z', createdBy: 'u1', version: 1,
});
const isList = (r: { url: string }) => r.url === '/api/v1/contacts';

describe('ContactListPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function start(url: string, rules: object[] = [{ action: 'manage', subject: 'all' }]): Promise<void> {
    TestBed.configureTestingModule({
      imports: [TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'contacts', component: ContactListPage }], withComponentInputBinding()),
        { provide: LanguageService, useValue: { current: () => 'en', intlLocale: () => 'en-GB' } },
        {
          provide: AuthStore,
          useValue: { ability: signal(createMongoAbility(rules as never)), user: signal({ id: 'u1', displayName: 'Aysel', locale: 'en' }) },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, ContactListPage);
  }

  const el = (): HTMLElement => harness.routeNativeElement!;
  const url = (): string => TestBed.inject(Router).url;
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  afterEach(() => {
    // The custom field definitions, saved views and owner choices these pages load are tested with their components.
    http.match((r) => r.url.startsWith('/api/v1/custom-fields') || r.url.startsWith('/api/v1/saved-views') || r.url === '/api/v1/contacts/owners');
    http.verify();
  });

  it('lists the contacts of the address query and opens one with its link', async () => {
    await start('/contacts?q=Memmedov&sort=name&mine=1');
    const request = http.expectOne(isList);
    expect(request.request.params.get('q')).toBe('Memmedov');
    expect(request.request.params.get('sort')).toBe('name');
    expect(request.request.params.get('ownerId')).toBe('u1');
    request.flush({ items: [contact('c1', 'Məmmədov Elçin')], nextCursor: null, total: 1 });
    await harness.fixture.whenStable();

    expect(el().querySelector<HTMLInputElement>('[data-testid="contact-search"]')!.value).toBe('Memmedov');
    const link = el().querySelector<HTMLAnchorElement>('a.name')!;
    expect(link.textContent).toContain('Məmmədov Elçin');
    expect(link.getAttribute('href')).toBe('/contacts/c1');
    expect(el().querySelector('[aria-sort="ascending"]')?.textContent).toContain('contacts.fields.name');
  });

  it('puts the typed search into the address after a pause, and searches again', async () => {
    await start('/contacts');
    http.expectOne(isList).flush({ items: [], nextCursor: null, total: 0 });
    const input = el().querySelector<HTMLInputElement>('[data-testid="contact-search"]')!;
    input.value = 'Elç';
    input.dispatchEvent(new Event('input'));
    input.value = 'Elçin';
    input.dispatchEvent(new Event('input'));
    await wait(400);
    await harness.fixture.whenStable();
    expect(url()).toBe('/contacts?q=El%C3%A7in');
    http.expectOne((r) => isList(r) && r.params.get('q') === 'Elçin').flush({ items: [], nextCursor: null, total: 0 });
    await harness.fixture.whenStable();
    expect(el().querySelector('[data-testid="contacts-empty"]')?.textContent).toContain('contacts.list.noMatch');

    // The top bar, then the back button, change the address: the box follows.
    await harness.navigateByUrl('/contacts?q=Memmedov');
    http.expectOne((r) => isList(r) && r.params.get('q') === 'Memmedov').flush({ items: [], nextCursor: null, total: 0 });
    expect(input.value).toBe('Memmedov');
    await harness.navigateByUrl('/contacts?q=El%C3%A7in');
    http.expectOne((r) => isList(r) && r.params.get('q') === 'Elçin').flush({ items: [], nextCursor: null, total: 0 });
    expect(input.value).toBe('Elçin');
  });

  it('sorts by a column header through the address and shows more rows with the cursor', async () => {
    await start('/contacts');
    http.expectOne(isList).flush({ items: [contact('c1', 'A')], nextCursor: 'cursor-1', total: 2 });
    await harness.fixture.whenStable();

    el().querySelector<HTMLButtonElement>('.more button')!.click();
    http.expectOne((r) => isList(r) && r.params.get('cursor') === 'cursor-1').flush({ items: [contact('c2', 'B')], nextCursor: null });
    await harness.fixture.whenStable();
    expect(el().querySelectorAll('a.name')).toHaveLength(2);
    expect(el().querySelector('.more button')).toBeNull();

    const nameHeader = [...el().querySelectorAll<HTMLElement>('th')].find((th) => th.textContent?.includes('contacts.fields.name'))!;
    nameHeader.querySelector<HTMLElement>('.mat-sort-header-container')!.click();
    await harness.fixture.whenStable();
    expect(url()).toBe('/contacts?sort=name');
    http.expectOne((r) => isList(r) && r.params.get('sort') === 'name' && !r.params.has('cursor')).flush({ items: [], nextCursor: null, total: 0 });
  });

  it('offers "New contact" only to a role that may create contacts, and retries after a failure', async () => {
    await start('/contacts', [{ action: 'read', subject: 'Contact' }]);
    http.expectOne(isList).flush({ type: 'urn:crm:problem:unavailable', title: 'x', status: 503, detail: 'x' }, { status: 503, statusText: 'Unavailable' });
    await harness.fixture.whenStable();
    expect(el().querySelector('a[href="/contacts/new"]')).toBeNull();
    const error = el().querySelector('[data-testid="contacts-error"]')!;
    expect(error.getAttribute('role')).toBe('alert');
    error.querySelector('button')!.click();
    http.expectOne(isList).flush({ items: [contact('c1', 'A')], nextCursor: null, total: 1 });
    await harness.fixture.whenStable();
    expect(el().querySelector('[data-testid="contacts-error"]')).toBeNull();
    expect(el().querySelectorAll('a.name')).toHaveLength(1);
  });

  it('lets a role that may reassign pick rows, filters by the owners and shows the columns of the address', async () => {
    const owners = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    await start(`/contacts?owner=${owners.join(',')},bad&columns=name,email,cf.segment`);
    http.expectOne((r) => r.url === '/api/v1/custom-fields').flush({
      items: [{ id: 'f1', entity: 'contact', key: 'segment', type: 'select', labels: { en: 'Segment' }, required: false, active: true, position: 0,
        options: [{ value: 'vip', labels: { en: 'Very important' } }], createdAt: '', updatedAt: '', version: 1 }],
    });
    const request = http.expectOne(isList);
    expect(request.request.params.getAll('ownerId')).toEqual(owners);
    request.flush({ items: [{ ...contact('c1', 'A'), custom: { segment: 'vip' } }, contact('c2', 'B')], nextCursor: null, total: 2 });
    await harness.fixture.whenStable();

    const headers = [...el().querySelectorAll('th')].map((th) => th.textContent?.trim());
    expect(headers.slice(1)).toEqual(['contacts.fields.name', 'contacts.fields.email', 'Segment']);
    expect(el().querySelector('tbody tr')!.textContent).toContain('Very important');
    expect(el().querySelector('[data-testid="filter-owner"]')).not.toBeNull();
    expect(el().querySelector('mat-slide-toggle')).toBeNull();

    expect(el().querySelector('[data-testid="selection-bar"]')).toBeNull();
    el().querySelector<HTMLInputElement>('tbody tr input[type="checkbox"]')!.click();
    // The bar is loaded on first use, then its texts.
    await harness.fixture.whenStable();
    await harness.fixture.whenStable();
    expect(el().querySelector('[data-testid="selection-bar"]')!.textContent).toContain('lists.selection.count');
    el().querySelector<HTMLInputElement>('[data-testid="select-page"] input')!.click();
    await harness.fixture.whenStable();
    expect(el().querySelectorAll('tbody tr.selected')).toHaveLength(2);
  });

  it('shows a rep no checkboxes and no owner filter, only "only mine"', async () => {
    await start('/contacts', [{ action: 'read', subject: 'Contact', conditions: { ownerId: 'u1' } }, { action: 'update', subject: 'Contact', conditions: { ownerId: 'u1' } }]);
    http.expectOne(isList).flush({ items: [contact('c1', 'A')], nextCursor: null, total: 1 });
    await harness.fixture.whenStable();
    expect(el().querySelector('input[type="checkbox"]')).toBeNull();
    expect(el().querySelector('[data-testid="filter-owner"]')).toBeNull();
    expect(el().querySelector('mat-slide-toggle')).not.toBeNull();
    expect([...el().querySelectorAll('th')].map((th) => th.textContent?.trim())).toEqual([
      'contacts.fields.name', 'contacts.fields.phone', 'contacts.fields.email', 'contacts.fields.owner', 'contacts.fields.updatedAt',
    ]);
  });
});
