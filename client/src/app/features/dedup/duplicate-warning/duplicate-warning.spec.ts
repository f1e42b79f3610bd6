import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { DuplicateWarning } from './duplicate-warning';

const OTHER = '22222222-2222-4222-8222-222222222222';
const SELF = '11111111-1111-4111-8111-111111111111';

@Component({
  imports: [ReactiveFormsModule, DuplicateWarning],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form">
      <input formControlName="name" />
      <input formControlName="phone" />
      <input formControlName="email" />
      <input formControlName="note" />
      <crm-duplicate-warning [form]="form" [recordId]="recordId()" />
    </form>
  `,
})
class HostForm {
  readonly recordId = input<string>();
  readonly form = inject(FormBuilder).nonNullable.group({ name: '', phone: '', email: '', note: '' });
}

describe('DuplicateWarning', () => {
  let fixture: ComponentFixture<HostForm>;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [HostForm, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(HostForm);
    await settle();
  });
  afterEach(() => http.verify());

  const el = (): HTMLElement => fixture.nativeElement as HTMLElement;
  async function settle(ms = 0): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await fixture.whenStable();
  }
  /** Types into a field and leaves it, as a user tabbing on does. */
  async function leave(name: string, value: string): Promise<void> {
    const field = el().querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)!;
    field.value = value;
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  }

  it('asks when the phone field is left and shows each candidate with owner and reasons', async () => {
    await leave('name', 'Həsənova Leyla');
    await leave('phone', '050 123 45 67');
    await settle(350);
    const request = http.expectOne('/api/v1/contacts/duplicates');
    expect(request.request.body).toEqual({ name: 'Həsənova Leyla', emails: [], phones: ['050 123 45 67'] });
    request.flush([{ id: OTHER, name: 'Hasanova Leyla', ownerName: 'Aysel', reasons: ['phone', 'name'], similarity: 0.82 }]);
    await settle();
    const panel = el().querySelector('[data-testid="duplicate-warning"]')!;
    expect(panel.textContent).toContain('dedup.warning.title');
    expect(panel.textContent).toContain('Hasanova Leyla');
    expect(panel.textContent).toContain('dedup.reason.phone');
    expect(panel.textContent).toContain('dedup.reason.name');
    expect(panel.querySelector('a[href]')?.getAttribute('href')).toBe(`/contacts/${OTHER}`);
    // A new contact cannot be merged yet.
    expect(panel.querySelector('[data-testid="duplicate-merge"]')).toBeNull();
  });

  it('ignores fields that say nothing about duplicates', async () => {
    await leave('note', 'Called on Monday');
    await settle(350);
    http.expectNone('/api/v1/contacts/duplicates');
  });

  it('on an existing record leaves it out, offers merge, and hides on "save anyway"', async () => {
    fixture.componentRef.setInput('recordId', SELF);
    await settle();
    await leave('email', 'Leyla@Example.az');
    await settle(350);
    const request = http.expectOne('/api/v1/contacts/duplicates');
    expect(request.request.body).toEqual({ emails: ['Leyla@Example.az'], phones: [], excludeId: SELF });
    request.flush([{ id: OTHER, name: 'Leyla H.', ownerName: 'Aysel', reasons: ['email'], similarity: 0 }]);
    await settle();
    const merge = el().querySelector('[data-testid="duplicate-merge"]');
    expect(merge?.getAttribute('href')).toBe(`/contacts/${SELF}/merge?with=${OTHER}`);
    el().querySelector<HTMLButtonElement>('[data-testid="duplicate-dismiss"]')!.click();
    await settle();
    expect(el().querySelector('[data-testid="duplicate-warning"]')).toBeNull();
  });
});
