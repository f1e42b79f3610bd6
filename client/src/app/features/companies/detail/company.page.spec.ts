import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { createMongoAbility } from '@casl/ability';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { LanguageService } from '@app/core/i18n/language.service';
import type { CustomField } from '@app/shared/custom-fields/custom-fields';
import type { Company } from '../data-access/companies-api';
import { CompanyPage } from './company.page';

@Component({ template: '' })
class Blank {}

const ID = '0b8f0f3e-2a55-4d2e-9b7a-5c1f7e2d9a10';
const URL = `/api/v1/companies/${ID}`;
const company = (overrides: Partial<Company> = {}): Company => ({
  id: ID, name: 'Xəzər Logistika MMC', taxId: '1401234561', industry: null, phone: '+994124931234', points: [], addresses: [], tags: ['b2b'], lifecycle: 'lead', source: null,
  ownerId: 'u1', ownerName: 'Aysel', custom: { segment: 'gov' }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z', createdBy: 'u1', version: 2,
  ...overrides,
});
const segment: CustomField = {
  id: 'f1', entity: 'company', key: 'segment', type: 'text', required: false, labels: { en: 'Segment' }, options: [], position: 0, active: true,
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1,
};
const problem = (type: string, status: number, extra: object = {}) => ({ type: `urn:crm:problem:${type}`, title: type, status, detail: type, ...extra });

/** A sales rep: everything on their own companies, no handing over. */
const OWN_CRUD = ['read', 'create', 'update', 'delete'].map((action) => ({ action, subject: 'Company', conditions: { ownerId: 'u1' } }));
/** A manager: everything, handing over included. */
const MANAGER = ['read', 'create', 'update', 'delete', 'assign'].map((action) => ({ action, subject: 'Company' }));

describe('CompanyPage form', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<CompanyPage>;

  function setUp(rules: object[] = OWN_CRUD): void {
    TestBed.configureTestingModule({
      imports: [CompanyPage, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'companies/:id', component: Blank }, { path: 'companies', component: Blank }]),
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
    fixture = TestBed.createComponent(CompanyPage);
  }

  const el = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const input = (name: string): HTMLInputElement | null => el().querySelector(`input[formcontrolname="${name}"]`);
  const button = (text: string): HTMLButtonElement | undefined =>
    [...el().querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes(text));

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  }

  async function type(field: HTMLInputElement, value: string): Promise<void> {
    field.value = value;
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new Event('blur'));
    await settle();
  }

  /** Opens the company's Details tab with its contacts and the company's additional fields. */
  async function open(value: Company = company(), fields: CustomField[] = [segment]): Promise<void> {
    await TestBed.inject(Router).navigateByUrl(`/companies/${value.id}?tab=details`);
    fixture.componentRef.setInput('id', value.id);
    await settle();
    http.expectOne((r) => r.url === '/api/v1/custom-fields' && r.params.get('entity') === 'company').flush({ items: fields });
    http.expectOne(URL).flush(value, { headers: { ETag: `"${value.version}"` } });
    await settle();
    http.expectOne((r) => r.url === `${URL}/contacts`).flush({ items: [], nextCursor: null });
    await settle();
  }

  afterEach(() => {
    // What the duplicate warning and the card's other tabs load is tested with them.
    http.match((r) => /\/(timeline|history|attachments|duplicates)/.test(r.url) || r.url.startsWith('/api/v1/saved-views'));
    http.verify();
  });

  it('edits the company’s additional fields and tags and sends only those, with If-Match', async () => {
    setUp();
    await open();
    const custom = el().querySelector<HTMLInputElement>('[data-testid="custom-fields-form"] input')!;
    expect(custom.value).toBe('gov');
    await type(custom, 'vip');
    const tag = el().querySelector<HTMLInputElement>('[data-testid="tag-input"]')!;
    tag.value = 'topdan';
    tag.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }));
    await settle();

    button('common.save')!.click();
    await settle();
    const patch = http.expectOne(URL);
    expect(patch.request.headers.get('If-Match')).toBe('"2"');
    expect(patch.request.body).toEqual({ tags: ['b2b', 'topdan'], custom: { segment: 'vip' } });
    patch.flush(company({ tags: ['b2b', 'topdan'], custom: { segment: 'vip' }, version: 3 }), { headers: { ETag: '"3"' } });
    await settle();
    expect(el().querySelectorAll('[data-testid="tag"]')).toHaveLength(2);
  });

  it('puts the server’s error on an additional field on that field', async () => {
    setUp();
    await open();
    await type(el().querySelector<HTMLInputElement>('[data-testid="custom-fields-form"] input')!, 'x');
    button('common.save')!.click();
    await settle();
    http.expectOne(URL).flush(problem('validation', 400, { errors: [{ field: 'custom.segment', message: 'segment is not one of the options' }] }), {
      status: 400, statusText: 'Bad Request',
    });
    await settle();
    expect(el().querySelector('[data-testid="custom-fields-form"]')!.textContent).toContain('segment is not one of the options');
  });

  it('offers the responsible person only to roles that may hand companies over', async () => {
    setUp(MANAGER);
    await open();
    expect(el().querySelector('[data-testid="owner-select"]')).not.toBeNull();
    http.expectOne((r) => r.url === '/api/v1/companies/assignees').flush({ items: [{ id: 'u1', displayName: 'Aysel', active: true }, { id: 'u2', displayName: 'Rəşad', active: true }] });
    TestBed.resetTestingModule();

    setUp();
    await open();
    expect(el().querySelector('[data-testid="owner-select"]')).toBeNull();
    http.expectNone((r) => r.url === '/api/v1/companies/assignees');
  });

  it('hides fields the role may not read and shows what it may not change read-only', async () => {
    setUp([{ action: 'read', subject: 'Company' }, { action: 'update', subject: 'Company', fields: ['name'] }]);
    const limited = company();
    delete limited.taxId;
    await open(limited);
    expect(input('taxId')).toBeNull();
    expect(input('name')!.disabled).toBe(false);
    expect(input('industry')!.disabled).toBe(true);
    expect(el().querySelector<HTMLInputElement>('[data-testid="tag-input"]')!.disabled).toBe(true);
    expect(el().querySelector('[data-testid="custom-fields-form"]')).toBeNull();
    expect(el().querySelector('[data-testid="custom-values"]')?.textContent).toContain('gov');
    expect(button('common.save')).toBeDefined();
  });

  it('creates a company with its tags and additional fields, owned by the creator', async () => {
    setUp();
    await settle();
    http.expectOne((r) => r.url === '/api/v1/custom-fields').flush({ items: [segment] });
    await settle();
    await type(input('name')!, ' Yeni MMC ');
    await type(el().querySelector<HTMLInputElement>('[data-testid="custom-fields-form"] input')!, 'gov');
    const tag = el().querySelector<HTMLInputElement>('[data-testid="tag-input"]')!;
    tag.value = 'b2b';
    tag.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }));
    await settle();
    button('common.create')!.click();
    await settle();
    const post = http.expectOne('/api/v1/companies');
    expect(post.request.body).toEqual({ name: 'Yeni MMC', tags: ['b2b'], custom: { segment: 'gov' } });
    post.flush(company({ name: 'Yeni MMC' }), { status: 201, statusText: 'Created' });
    await settle();
    expect(TestBed.inject(Router).url).toBe(`/companies/${ID}`);
  });
});
