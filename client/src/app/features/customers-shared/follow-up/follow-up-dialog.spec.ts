import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { HttpErrorResponse } from '@angular/common/http';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { FollowUp } from '../card/card-record';
import { localDate, localTime } from '@app/shared/ui/local-date-time';
import { defaultFollowUpAt, FollowUpDialog, FollowUpDialogData } from './follow-up-dialog';

const problem = (type: string, status: number, extra: object = {}): HttpErrorResponse =>
  new HttpErrorResponse({ status, error: { type: `urn:crm:problem:${type}`, title: type, status, detail: type, ...extra } });

describe('FollowUpDialog', () => {
  const close = jest.fn();
  let save: jest.Mock<Promise<unknown>, [FollowUp]>;

  function open(current: FollowUp): { el: HTMLElement; settle: () => Promise<void> } {
    TestBed.configureTestingModule({
      imports: [FollowUpDialog, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: { current, save } satisfies FollowUpDialogData },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    const fixture = TestBed.createComponent(FollowUpDialog);
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    };
    return { el: fixture.nativeElement as HTMLElement, settle };
  }

  const field = (el: HTMLElement, name: string): HTMLInputElement => el.querySelector(`[data-testid="follow-up-${name}"]`) as HTMLInputElement;
  const type = (el: HTMLElement, name: string, value: string): void => {
    field(el, name).value = value;
    field(el, name).dispatchEvent(new Event('input'));
  };
  const submit = (el: HTMLElement): void => (el.querySelector('[data-testid="follow-up-save"]') as HTMLButtonElement).click();

  beforeEach(() => {
    save = jest.fn().mockResolvedValue(undefined);
  });
  afterEach(() => jest.clearAllMocks());

  it('suggests tomorrow at 10:00 in the browser’s time zone', () => {
    const at = defaultFollowUpAt(new Date(2026, 1, 28, 17, 45));
    expect([at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes()]).toEqual([2026, 2, 1, 10, 0]);
  });

  it('starts a new follow-up on tomorrow 10:00, requires what to do, and saves the text trimmed with the moment as ISO', async () => {
    const { el, settle } = open({ nextStep: null, nextStepAt: null });
    await settle();
    const tomorrow = defaultFollowUpAt(new Date());
    expect(field(el, 'date').value).toBe(localDate(tomorrow));
    expect(field(el, 'time').value).toBe('10:00');

    submit(el);
    await settle();
    expect(save).not.toHaveBeenCalled();
    expect(el.textContent).toContain('validation.required');

    type(el, 'what', '  Call back about the price offer ');
    type(el, 'date', '2026-03-02');
    type(el, 'time', '09:30');
    submit(el);
    await settle();
    const expected = { nextStep: 'Call back about the price offer', nextStepAt: new Date(2026, 2, 2, 9, 30).toISOString() };
    expect(save).toHaveBeenCalledWith(expected);
    expect(close).toHaveBeenCalledWith(expected);
  });

  it('starts from the follow-up the record has', async () => {
    const at = new Date(2026, 4, 5, 14, 15);
    const { el, settle } = open({ nextStep: 'Send the contract', nextStepAt: at.toISOString() });
    await settle();
    expect(field(el, 'what').value).toBe('Send the contract');
    expect(field(el, 'date').value).toBe(localDate(at));
    expect(field(el, 'time').value).toBe(localTime(at));
  });

  it('closes without a result when someone else changed the record, and stays open with the server’s words on a rejected value', async () => {
    const { el, settle } = open({ nextStep: 'Send the contract', nextStepAt: null });
    await settle();
    save.mockRejectedValueOnce(problem('validation', 400, { errors: [{ field: 'nextStepAt', message: 'nextStepAt must be a date' }] }));
    submit(el);
    await settle();
    expect(close).not.toHaveBeenCalled();
    expect(el.textContent).toContain('nextStepAt must be a date');

    // Changing the date clears the server's complaint about it.
    type(el, 'date', '2026-03-03');
    save.mockRejectedValueOnce(problem('version-mismatch', 412));
    submit(el);
    await settle();
    expect(close).toHaveBeenCalledWith();
  });
});
