import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { LanguageService } from '@app/core/i18n/language.service';
import { A, B, PREVIEW } from '../data-access/merge-preview.testing';
import { MergePage } from './merge.page';

@Component({ template: '' })
class Blank {}

describe('MergePage', () => {
  let fixture: ComponentFixture<MergePage>;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [MergePage, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideHttpClient(), provideHttpClientTesting(),
        provideRouter([{ path: 'contacts/:id', component: Blank }]),
        { provide: LanguageService, useValue: { current: () => 'en', intlLocale: () => 'en-GB' } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MergePage);
    fixture.componentRef.setInput('id', A);
    fixture.componentRef.setInput('with', B);
    await settle();
    http.expectOne((r) => r.url === `/api/v1/contacts/${A}/merge-preview`).flush({
      ...PREVIEW,
      records: PREVIEW.records.map((r, i) => ({ ...r, points: [{ kind: 'phone', channel: null, value: `+99450000000${i}`, label: null, isPrimary: true }] })),
    });
    await settle();
  });
  afterEach(() => http.verify());

  const el = (): HTMLElement => fixture.nativeElement as HTMLElement;
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  }

  it('shows a choice for each differing field, both records’ contact points and what moves', () => {
    expect([...el().querySelectorAll('[data-testid^="merge-field-"]')].map((e) => e.getAttribute('data-testid'))).toEqual(['merge-field-name', 'merge-field-phone', 'merge-field-source']);
    expect(el().querySelector('[data-testid="merge-field-name"]')?.textContent).toContain('Məmmədov Elçin');
    expect(el().querySelector('[data-testid="merge-points-0"]')?.textContent).toContain('+994500000000');
    expect(el().querySelector('[data-testid="merge-points-1"]')?.textContent).toContain('+994500000001');
    expect(el().querySelector('[data-testid="merge-summary"]')?.textContent).toContain('dedup.merge.moveActivities');
  });

  it('merges with the chosen values and opens the survivor', async () => {
    const nameOfB = [...el().querySelectorAll<HTMLInputElement>('[data-testid="merge-field-name"] input[type="radio"]')].find((input) => input.value === B)!;
    nameOfB.click();
    await settle();
    el().querySelector<HTMLButtonElement>('[data-testid="merge-confirm"]')!.click();
    await settle();
    const request = http.expectOne(`/api/v1/contacts/${A}/merge`);
    expect(request.request.body).toEqual({ mergedIds: [B], fields: { name: B, phone: B, source: A } });
    request.flush({ survivorId: A, mergedIds: [B], version: 4, moved: { points: 1, links: 0, activities: 2, attachments: 1, deals: 0, tasks: 0 } });
    await settle();
    expect(TestBed.inject(Router).url).toBe(`/contacts/${A}`);
  });
});
