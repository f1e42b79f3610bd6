import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { FieldAccess } from './field-access';
import { StandingField, StandingFields } from './standing-fields';

const FIELDS: StandingField[] = ['phone', 'email', 'lifecycle', 'source', 'ownerId', 'nextStep', 'nextStepAt'];
const all = (access: FieldAccess): Record<StandingField, FieldAccess> => Object.fromEntries(FIELDS.map((f) => [f, access])) as Record<StandingField, FieldAccess>;

@Component({
  imports: [ReactiveFormsModule, StandingFields],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<form [formGroup]="form"><crm-standing-fields resource="contacts" [access]="access()" [owner]="owner()" /></form>`,
})
class Host {
  readonly form = new FormGroup(Object.fromEntries(FIELDS.map((f) => [f, new FormControl<string | null>(null)])));
  readonly access = signal(all({ visible: true, editable: true }));
  readonly owner = signal<{ id: string; name: string } | null>({ id: 'former', name: 'Köhnə Məsul' });
}

describe('StandingFields', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [Host, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  it('offers the users the role may hand the record to, keeping the current responsible person', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const request = http.expectOne((r) => r.url === '/api/v1/contacts/assignees');
    expect(request.request.params.get('limit')).toBe('200');
    request.flush({ items: [{ id: 'u1', displayName: 'Aysel', active: true }] });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelectorAll('mat-form-field')).toHaveLength(FIELDS.length);
    el.querySelector<HTMLElement>('[data-testid="owner-select"] .mat-mdc-select-trigger')!.click();
    await fixture.whenStable();
    expect([...document.querySelectorAll('mat-option')].map((option) => option.textContent!.trim())).toEqual(['Köhnə Məsul', 'Aysel']);
  });

  it('asks for no users and shows no responsible person when the role may not hand it over, and binds to the card’s form', async () => {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.access.set({ ...all({ visible: true, editable: true }), ownerId: { visible: false, editable: false }, source: { visible: false, editable: false } });
    await fixture.whenStable();
    http.expectNone((r) => r.url === '/api/v1/contacts/assignees');
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="owner-select"]')).toBeNull();
    expect(el.querySelectorAll('mat-form-field')).toHaveLength(FIELDS.length - 2);
    const phone = el.querySelector<HTMLInputElement>('input[type="tel"]')!;
    phone.value = '050 123 45 67';
    phone.dispatchEvent(new Event('input'));
    expect(fixture.componentInstance.form.value.phone).toBe('050 123 45 67');
  });
});
