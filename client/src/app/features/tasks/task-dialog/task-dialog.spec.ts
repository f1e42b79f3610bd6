import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { createMongoAbility } from '@casl/ability';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { Notify } from '@app/shared/ui/notify.service';
import { TaskDialog, TaskDialogData } from './task-dialog';
import { fieldsOf, timesOf } from './task-form';

describe('TaskDialog', () => {
  let http: HttpTestingController;
  const close = jest.fn();
  const notifyError = jest.fn();

  function open(data: TaskDialogData): { el: HTMLElement; settle: () => Promise<void> } {
    close.mockReset();
    TestBed.configureTestingModule({
      imports: [TaskDialog, TranslocoTestingModule.forRoot({ langs: { en: {} }, translocoConfig: { availableLangs: ['en'], defaultLang: 'en' } })],
      providers: [
        provideHttpClient(), provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
        { provide: Notify, useValue: { error: notifyError, describe: () => '' } },
        { provide: AuthStore, useValue: { ability: signal(createMongoAbility([{ action: 'create', subject: 'Task' }])), user: signal({ id: 'u1' }) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TaskDialog);
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    };
    return { el: fixture.nativeElement as HTMLElement, settle };
  }

  afterEach(() => http.verify());

  const input = (el: HTMLElement, testId: string): HTMLInputElement => el.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement;
  const type = (el: HTMLElement, testId: string, value: string): void => {
    const field = input(el, testId);
    field.value = value;
    field.dispatchEvent(new Event('input'));
  };
  const submit = (el: HTMLElement): void => (el.querySelector('[data-testid="task-save"]') as HTMLButtonElement).click();

  it('asks for a title and sends nothing without one', async () => {
    const { el, settle } = open({});
    await settle();
    submit(el);
    await settle();
    http.expectNone('/api/v1/tasks');
    expect(input(el, 'task-title').classList).toContain('ng-invalid');
    expect(input(el, 'task-title').classList).toContain('ng-touched');
  });

  it('refuses a meeting that ends before it starts', async () => {
    const { el, settle } = open({ kind: 'meeting', start: new Date(2026, 10, 24, 10) });
    await settle();
    type(el, 'task-title', 'Görüş: Xəzər Logistika');
    type(el, 'task-end-time', '09:30');
    await settle();
    submit(el);
    await settle();
    http.expectNone('/api/v1/tasks');
    expect(el.querySelector('[data-testid="task-end-error"]')).not.toBeNull();
  });

  it('creates a task linked to the record it was scheduled from, with the reminder before its time', async () => {
    const { el, settle } = open({ link: { type: 'contact', id: '7e0a1d55-0000-4000-8000-000000000001', name: 'Aytən Nəsibova' }, start: new Date(2026, 10, 24, 10) });
    await settle();
    expect(input(el, 'task-link').value).toBe('Aytən Nəsibova');
    type(el, 'task-title', '  Təklifi göndər ');
    await settle();
    submit(el);
    await settle();
    const request = http.expectOne('/api/v1/tasks');
    expect(request.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.request.body).toEqual({
      kind: 'task', title: 'Təklifi göndər', dueAt: new Date(2026, 10, 24, 10).toISOString(), allDay: false, priority: 'normal',
      remindBeforeMinutes: 15, contactId: '7e0a1d55-0000-4000-8000-000000000001',
    });
    request.flush({ id: 't1' });
    await settle();
    expect(close).toHaveBeenCalledWith({ id: 't1' });
  });
});

describe('task times', () => {
  it('ends an all-day meeting at the midnight after its last day and reads it back', () => {
    const raw = { date: '2026-11-24', time: '', endDate: '2026-11-25', endTime: '', allDay: true };
    const times = timesOf('meeting', raw);
    expect(times).toEqual({ dueAt: new Date(2026, 10, 24).toISOString(), endsAt: new Date(2026, 10, 26).toISOString() });
    expect(fieldsOf({ ...times, allDay: true })).toEqual(raw);
  });

  it('gives a task without a date no due time', () => {
    expect(timesOf('task', { date: '', time: '', endDate: '', endTime: '', allDay: false })).toEqual({ dueAt: null, endsAt: null });
  });
});
