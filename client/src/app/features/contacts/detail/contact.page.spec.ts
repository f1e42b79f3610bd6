import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { createMongoAbility } from '@casl/ability';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { LanguageService } from '@app/core/i18n/language.service';
import type { Contact } from '../data-access/contacts-api';
import { ContactPage } from './contact.page';

@Component({ template: '' })
class Blank {}

const ID = '11111111-1111-4111-8111-111111111111';
const URL = `/api/v1/contacts/${ID}`;
const contact = (overrides: Partial<Contact> = {}): Contact => ({
  id: ID, name: 'Məmmədov Elçin', email: 'elchin@example.az', phone: '+994501234567', ownerId: 'u1', ownerName: 'Aysel',
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z', createdBy: 'u1', version: 3, ...overrides,
});
const problem = (type: string, status: number, extra: object = {}) => ({ type: `urn:crm:problem:${type}`, title: type, status, detail: type, ...extra });

/** A sales rep: everything on their own contacts. */
const OWN_CRUD = ['read', 'create', 'update', 'delete'].map((action) => ({ action, subject: 'Contact', conditions: { ownerId: 'u1' } }));

describe('ContactPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ContactPage>;

  function setUp(rules: object[] = OWN_CRUD): void {
    TestBed.configureTestingModule({
      imports: [ContactPage, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'contacts/:id', component: Blank }, { path: 'contacts', component: Blank }]),
        { provide: LanguageService, useValue: { current: () => 'en', intlLocale: () => 'en-GB' } },
        {
          provide: AuthStore,
          useValue: {
            ability: signal(createMongoAbility(rules as never)),
            user: signal({ id: 'u1', displayName: 'Aysel', login: 'aysel', locale: 'en' }),
            signedIn: signal(true),
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ContactPage);
  }

  const el = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const input = (name: string): HTMLInputElement | null => el().querySelector(`input[formcontrolname="${name}"]`);
  const button = (text: string): HTMLButtonElement | undefined =>
    [...el().querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes(text));

  async function type(name: string, value: string): Promise<void> {
    const field = input(name)!;
    field.value = value;
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new Event('blur'));
    await settle();
  }

  /** Opens the contact's card; on its Details tab unless another is asked for. */
  async function open(value: Contact = contact(), tab: string | null = 'details'): Promise<void> {
    await TestBed.inject(Router).navigateByUrl(`/contacts/${value.id}${tab === null ? '' : `?tab=${tab}`}`);
    fixture.componentRef.setInput('id', value.id);
    await settle();
    http.expectOne(URL).flush(value, { headers: { ETag: `"${value.version}"` } });
    await settle();
  }
  const tabs = (): HTMLElement[] => [...el().querySelectorAll<HTMLElement>('[role="tab"]')];
  const selectedTab = (): string | undefined => tabs().find((t) => t.getAttribute('aria-selected') === 'true')?.textContent?.trim();

  /** Lets the store's promises and the resulting rendering finish. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  }

  afterEach(() => {
    // The custom field definitions and saved views these pages load, and what the card's tabs load, are tested with their components.
    http.match((r) => r.url.startsWith('/api/v1/custom-fields') || r.url.startsWith('/api/v1/saved-views') || /\/(timeline|history|attachments)$/.test(r.url));
    http.verify();
  });

  it('checks the fields as the server does before creating, then creates with an Idempotency-Key', async () => {
    setUp();
    await settle();
    await type('name', '   ');
    await type('email', 'not-an-email');
    await type('phone', 'abc');
    button('common.create')!.click();
    await settle();
    expect(el().textContent).toContain('validation.required');
    expect(el().textContent).toContain('validation.email');
    expect(el().textContent).toContain('validation.pattern');
    http.expectNone('/api/v1/contacts');

    await type('name', ' Həsənova Leyla ');
    await type('email', '');
    await type('phone', '+994 50 123 45 67');
    button('common.create')!.click();
    await settle();
    const request = http.expectOne('/api/v1/contacts');
    expect(request.request.body).toEqual({ name: 'Həsənova Leyla', phone: '+994 50 123 45 67', email: null });
    expect(request.request.headers.get('Idempotency-Key')).toBeTruthy();
    request.flush(contact({ name: 'Həsənova Leyla' }), { status: 201, statusText: 'Created' });
    await settle();
    expect(TestBed.inject(Router).url).toBe(`/contacts/${ID}`);
  });

  it('sends only the changed fields with If-Match, and shows a lasting notice on a stale version until Reload', async () => {
    setUp();
    await open();
    expect(input('name')!.value).toBe('Məmmədov Elçin');
    await type('phone', '+994551112233');
    button('common.save')!.click();
    await settle();
    const patch = http.expectOne(URL);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    expect(patch.request.body).toEqual({ phone: '+994551112233' });
    patch.flush(problem('version-mismatch', 412), { status: 412, statusText: 'Precondition Failed' });
    await settle();

    const notice = el().querySelector('[data-testid="contact-conflict"]');
    expect(notice?.getAttribute('role')).toBe('alert');
    expect(notice?.textContent).toContain('contacts.conflict.title');
    expect(input('phone')!.value).toBe('+994551112233');

    button('common.reload')!.click();
    await settle();
    http.expectOne(URL).flush(contact({ phone: '+994700000000', version: 4 }), { headers: { ETag: '"4"' } });
    await settle();
    expect(el().querySelector('[data-testid="contact-conflict"]')).toBeNull();
    expect(input('phone')!.value).toBe('+994700000000');
  });

  it('puts the server’s field errors on the named field', async () => {
    setUp();
    await open();
    await type('email', 'elchin@localhost');
    button('common.save')!.click();
    await settle();
    http.expectOne(URL).flush(problem('validation', 400, { errors: [{ field: 'email', message: 'email must be an e-mail address' }] }), {
      status: 400, statusText: 'Bad Request',
    });
    await settle();
    const field = input('email')!.closest('mat-form-field')!;
    expect(field.textContent).toContain('email must be an e-mail address');
  });

  it('leaves out fields the role may not read', async () => {
    setUp();
    const withoutPhone = contact();
    delete withoutPhone.phone;
    await open(withoutPhone);
    expect(input('phone')).toBeNull();
    expect(input('email')).not.toBeNull();
  });

  it('shows neither Save nor Delete to a role that may only read', async () => {
    setUp([{ action: 'read', subject: 'Contact' }]);
    await open(contact({ ownerId: 'someone-else' }));
    expect(button('common.save')).toBeUndefined();
    expect(button('common.delete')).toBeUndefined();
    expect(input('name')!.disabled).toBe(true);
    expect(el().textContent).toContain('contacts.form.readOnly');
  });

  it('opens an existing contact on its timeline and keeps the chosen tab in the address', async () => {
    setUp();
    await open(contact(), null);
    expect(selectedTab()).toBe('activities.tabs.timeline');
    expect(el().querySelector('crm-record-timeline')).not.toBeNull();
    expect(input('name')).toBeNull();
    http.expectOne((r) => r.url === `${URL}/timeline`);

    tabs().find((t) => t.textContent?.includes('activities.tabs.details'))!.click();
    await settle();
    expect(TestBed.inject(Router).url).toBe(`/contacts/${ID}?tab=details`);
    expect(selectedTab()).toBe('activities.tabs.details');
    expect(input('name')!.value).toBe('Məmmədov Elçin');

    // Back to the card by its address: the tab comes from there.
    await TestBed.inject(Router).navigateByUrl(`/contacts/${ID}?tab=history`);
    await settle();
    expect(selectedTab()).toBe('activities.tabs.history');
    http.expectOne((r) => r.url === `${URL}/history`);
  });

  it('shows a new contact’s form without tabs', async () => {
    setUp();
    await settle();
    expect(tabs()).toEqual([]);
    expect(input('name')).not.toBeNull();
  });

  it('explains a contact that does not exist or is not visible', async () => {
    setUp();
    fixture.componentRef.setInput('id', ID);
    await settle();
    http.expectOne(URL).flush(problem('not-found', 404), { status: 404, statusText: 'Not Found' });
    await settle();
    expect(el().querySelector('[data-testid="contact-not-found"]')?.textContent).toContain('contacts.detail.notFoundTitle');
    expect(input('name')).toBeNull();
  });
});
