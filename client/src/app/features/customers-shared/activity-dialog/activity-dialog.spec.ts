import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { Notify } from '@app/shared/ui/notify.service';
import { localDateTime } from '@app/shared/ui/local-date-time';
import { ActivityDialog, ActivityDialogData, KIND_FIELDS } from './activity-dialog';

describe('ActivityDialog', () => {
  let http: HttpTestingController;
  const close = jest.fn();
  const notifyError = jest.fn();

  function open(data: ActivityDialogData): { el: HTMLElement; settle: () => Promise<void> } {
    TestBed.configureTestingModule({
      imports: [ActivityDialog, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideHttpClient(), provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
        { provide: Notify, useValue: { error: notifyError, describe: () => '' } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ActivityDialog);
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    };
    return { el: fixture.nativeElement as HTMLElement, settle };
  }

  const submit = (el: HTMLElement): void => (el.querySelector('[data-testid="activity-save"]') as HTMLButtonElement).click();
  const type = (el: HTMLElement, testId: string, value: string): void => {
    const field = el.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement;
    field.value = value;
    field.dispatchEvent(new Event('input'));
  };

  afterEach(() => {
    http.verify();
    jest.clearAllMocks();
  });

  it('requires the text of a note and sends only the fields a note takes', async () => {
    const { el, settle } = open({ entity: 'contact', recordId: 'c1', kind: 'note' });
    await settle();
    expect(el.querySelector('[data-testid="activity-direction"]')).toBeNull();
    submit(el);
    await settle();
    http.expectNone('/api/v1/activities');
    type(el, 'activity-body', '  Prefers WhatsApp ');
    submit(el);
    await settle();
    const request = http.expectOne('/api/v1/activities');
    expect(request.request.body).toMatchObject({ kind: 'note', contactId: 'c1', body: 'Prefers WhatsApp' });
    expect(Object.keys(request.request.body).sort()).toEqual(['body', 'contactId', 'kind']);
    expect(request.request.headers.get('Idempotency-Key')).toBeTruthy();
    request.flush({ id: 'a1' }, { status: 201, statusText: 'Created' });
    await settle();
    expect(close).toHaveBeenCalledWith({ id: 'a1' });
  });

  it('sends a call with direction and duration in seconds, and puts server errors on the fields', async () => {
    const { el, settle } = open({ entity: 'company', recordId: 'k1', kind: 'call' });
    await settle();
    type(el, 'activity-duration', '2');
    submit(el);
    await settle();
    const request = http.expectOne('/api/v1/activities');
    expect(request.request.body).toMatchObject({ kind: 'call', companyId: 'k1', direction: 'outbound', durationSeconds: 120 });
    request.flush(
      { type: 'urn:crm:problem:validation', title: 'Invalid', status: 400, detail: 'x', errors: [{ field: 'durationSeconds', message: 'too long for a call' }, { field: 'subject', message: 'too odd' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(el.textContent).toContain('too long for a call');
    expect(el.textContent).toContain('too odd');
    expect(close).not.toHaveBeenCalled();
    expect(notifyError).not.toHaveBeenCalled();
  });

  it('knows the fields of each kind and formats local times for the input', () => {
    expect(KIND_FIELDS.email).toMatchObject({ direction: true, duration: false, subjectRequired: true });
    expect(localDateTime(new Date(2026, 0, 2, 3, 4))).toBe('2026-01-02T03:04');
  });
});
