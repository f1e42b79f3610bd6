import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormBuilder, FormControl, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { subject } from '@casl/ability';
import { provideTranslocoScope, TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { catchError, combineLatest, debounceTime, distinctUntilChanged, firstValueFrom, map, of, startWith, switchMap } from 'rxjs';
import { applyProblemToForm, problemCode } from '@app/core/api/problem';
import { AuthStore } from '@app/core/auth/auth.store';
import { confirmAction } from '@app/shared/ui/confirm-dialog';
import { DateTimeFields } from '@app/shared/ui/date-time-fields';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { localDate, localTime } from '@app/shared/ui/local-date-time';
import { Notify } from '@app/shared/ui/notify.service';
import { NewTask, Task, TASK_KINDS, TASK_PRIORITIES, TaskChange, TaskKind, TaskLink, TaskLinkType, TaskPriority, TasksApi } from '../data-access/tasks-api';
import { DEFAULT_MEETING_MINUTES, fieldsOf, hasEnd, REMINDER_CHOICES, reminderOf, taskTimesValidator, timesOf } from './task-form';

export interface TaskDialogData {
  /** The task to change; without it the dialog creates one. */
  task?: Task;
  /** The record a new task belongs to (the card it was scheduled from). */
  link?: TaskLink;
  kind?: TaskKind;
  /** Where a new entry starts (a calendar slot); tomorrow 10:00 otherwise. */
  start?: Date;
  allDay?: boolean;
}

/** A user or contact taking part in a meeting. */
export interface ParticipantChoice {
  userId?: string;
  contactId?: string;
  name: string;
}

const LINK_TYPES: readonly string[] = ['contact', 'company', 'deal'];

const notBlank = (control: AbstractControl<string>): ValidationErrors | null => (control.value.trim() === '' ? { required: true } : null);

function defaultStart(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 10, 0);
}

/**
 * Creates or changes a task, meeting or call: what, when (a deadline, or a start and end; all day),
 * the reminder, priority, who does it, the contact, company or deal it belongs to, and for meetings
 * the participants, place and link. Closes with the saved task.
 */
@Component({
  selector: 'crm-task-dialog',
  imports: [
    ReactiveFormsModule, TranslocoPipe, FieldErrors, DateTimeFields, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule,
    MatSelectModule, MatSlideToggleModule, MatAutocompleteModule, MatChipsModule, MatIconModule, MatProgressBarModule,
  ],
  providers: [provideTranslocoScope('tasks')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-dialog.html',
  styles: `
    .form { display: grid; gap: 4px 16px; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); padding-top: 8px; }
    .wide { grid-column: 1 / -1; }
    .toggle { align-self: center; padding-bottom: 20px; }
    .mat-error-text { color: var(--mat-sys-error); font: var(--mat-sys-body-small); margin: 0 0 8px; }
    .delete { color: var(--mat-sys-error); }
    .spacer { flex: 1; }
    .hit-subtitle { color: var(--mat-sys-on-surface-variant); margin-inline-start: 8px; font: var(--mat-sys-body-small); }
  `,
})
export class TaskDialog {
  private readonly api = inject(TasksApi);
  private readonly notify = inject(Notify);
  private readonly transloco = inject(TranslocoService);
  private readonly auth = inject(AuthStore);
  private readonly ref = inject<MatDialogRef<TaskDialog, Task | null>>(MatDialogRef);
  private readonly dialog = inject(MatDialog);
  protected readonly data = inject<TaskDialogData>(MAT_DIALOG_DATA);
  protected readonly editing = this.data.task !== undefined;

  protected readonly kinds = TASK_KINDS;
  protected readonly priorities = TASK_PRIORITIES;
  protected readonly reminders = REMINDER_CHOICES;
  protected readonly canAssign = computed(() => this.auth.ability().can('assign', 'Task'));
  protected readonly canDelete = computed(() => this.data.task !== undefined && this.auth.ability().can('delete', subject('Task', { ownerId: this.data.task.ownerId })));

  protected readonly form = this.buildForm();
  protected readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: this.form.controls.kind.value });
  protected readonly allDay = toSignal(this.form.controls.allDay.valueChanges, { initialValue: this.form.controls.allDay.value });
  protected readonly withEnd = computed(() => hasEnd(this.kind()));
  protected readonly saving = signal(false);

  /** The linked record; typing in the field searches, a choice links. */
  protected readonly linkSearch = new FormControl<TaskLink | string>(this.data.task ? (linkOfTask(this.data.task) ?? '') : (this.data.link ?? ''), { nonNullable: true });
  protected readonly linkHits = toSignal(
    this.linkSearch.valueChanges.pipe(
      map((value) => (typeof value === 'string' ? value.trim() : '')),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) => (q.length < 2 ? of([]) : this.api.searchRecords(q).pipe(map((page) => page.items.filter((hit) => LINK_TYPES.includes(hit.type))), catchError(() => of([]))))),
    ),
    { initialValue: [] },
  );
  protected readonly linkName = (value: TaskLink | string | null): string => (typeof value === 'string' ? value : (value?.name ?? ''));

  protected readonly owner = new FormControl<string>(this.data.task?.ownerId ?? this.auth.user()?.id ?? '', { nonNullable: true });
  protected readonly ownerChoices = signal<{ id: string; displayName: string }[]>([]);

  protected readonly participants = signal<ParticipantChoice[]>(
    (this.data.task?.participants ?? []).map((p) => ({ ...(p.userId ? { userId: p.userId } : {}), ...(p.contactId ? { contactId: p.contactId } : {}), name: p.name })),
  );
  protected readonly participantSearch = new FormControl('', { nonNullable: true });
  protected readonly participantHits = toSignal(
    this.participantSearch.valueChanges.pipe(
      map((value) => (typeof value === 'string' ? value.trim() : '')),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        q.length < 2
          ? of([])
          : combineLatest([
              this.api.users(q, 5).pipe(map((users) => users.map((u): ParticipantChoice => ({ userId: u.id, name: u.displayName }))), catchError(() => of([]))),
              this.api.searchRecords(q).pipe(
                map((page) => page.items.filter((hit) => hit.type === 'contact').map((c): ParticipantChoice => ({ contactId: c.id, name: c.title }))),
                catchError(() => of([])),
              ),
            ]).pipe(map(([users, contacts]) => [...users, ...contacts])),
      ),
    ),
    { initialValue: [] },
  );
  /** The key of a create, kept while the same body is retried. */
  private pending: { key: string; body: string } | null = null;

  constructor() {
    if (this.canAssign()) {
      this.api
        .assignees()
        .pipe(catchError(() => of([])), takeUntilDestroyed())
        .subscribe((items) => {
          const current = this.data.task;
          this.ownerChoices.set(current && !items.some((u) => u.id === current.ownerId) ? [{ id: current.ownerId, displayName: current.ownerName }, ...items] : items);
        });
    }
    // A meeting's end follows its start until the user sets the end.
    const { date, time, endDate, endTime } = this.form.controls;
    combineLatest([date.valueChanges.pipe(startWith(date.value)), time.valueChanges.pipe(startWith(time.value))])
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(([d, t]) => {
        if (!endDate.dirty && !endTime.dirty && d !== '' && t !== '' && !this.editing) {
          const end = new Date(new Date(`${d}T${t}`).getTime() + DEFAULT_MEETING_MINUTES * 60_000);
          endDate.setValue(localDate(end), { emitEvent: false });
          endTime.setValue(localTime(end), { emitEvent: false });
          this.form.updateValueAndValidity({ emitEvent: false });
        }
      });
  }

  protected chooseLink(event: MatAutocompleteSelectedEvent): void {
    const hit = event.option.value as { id: string; type: TaskLinkType; title: string };
    this.linkSearch.setValue({ type: hit.type, id: hit.id, name: hit.title });
  }

  protected addParticipant(event: MatAutocompleteSelectedEvent): void {
    const choice = event.option.value as ParticipantChoice;
    const same = (p: ParticipantChoice): boolean => (choice.userId !== undefined ? p.userId === choice.userId : p.contactId === choice.contactId);
    if (!this.participants().some(same)) {
      this.participants.update((list) => [...list, choice]);
    }
    this.participantSearch.setValue('');
  }

  protected removeParticipant(choice: ParticipantChoice): void {
    this.participants.update((list) => list.filter((p) => p !== choice));
  }

  protected async save(): Promise<void> {
    this.form.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    try {
      const task = this.data.task;
      const saved = task === undefined ? await this.create() : await firstValueFrom(this.api.update(task, this.change(task)));
      this.ref.close(saved);
    } catch (error) {
      this.explain(error);
    } finally {
      this.saving.set(false);
    }
  }

  /** Deletes the task after asking; closes with null. */
  protected async remove(): Promise<void> {
    const task = this.data.task;
    if (task === undefined) {
      return;
    }
    const sure = await confirmAction(this.dialog, {
      title: this.transloco.translate('tasks.dialog.deleteTitle'),
      message: this.transloco.translate('tasks.dialog.deleteMessage', { title: task.title }),
      confirm: this.transloco.translate('common.delete'),
    });
    if (!sure) {
      return;
    }
    this.saving.set(true);
    try {
      await firstValueFrom(this.api.remove(task));
      this.ref.close(null);
    } catch (error) {
      this.explain(error);
    } finally {
      this.saving.set(false);
    }
  }

  private create(): Promise<Task> {
    const body = this.body();
    const fingerprint = JSON.stringify(body);
    if (this.pending === null || this.pending.body !== fingerprint) {
      this.pending = { key: crypto.randomUUID(), body: fingerprint };
    }
    return firstValueFrom(this.api.create(body, this.pending.key));
  }

  /** The request of the form: only the fields that have a value. */
  body(): NewTask {
    const raw = this.form.getRawValue();
    const text = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
    const { dueAt, endsAt } = timesOf(raw.kind, raw);
    const link = typeof this.linkSearch.value === 'string' ? null : this.linkSearch.value;
    const meeting = raw.kind === 'meeting';
    const body: NewTask = {
      kind: raw.kind,
      title: raw.title.trim(),
      description: text(raw.description),
      dueAt: dueAt ?? undefined,
      endsAt: endsAt ?? undefined,
      allDay: dueAt === null ? undefined : raw.allDay,
      priority: raw.priority,
      remindBeforeMinutes: dueAt === null || raw.reminder === null ? undefined : raw.reminder,
      location: hasEnd(raw.kind) ? text(raw.location) : undefined,
      meetingUrl: hasEnd(raw.kind) ? text(raw.meetingUrl) : undefined,
      ...(link === null ? {} : { [`${link.type}Id`]: link.id }),
      ownerId: this.canAssign() && this.owner.value !== '' ? this.owner.value : undefined,
      participants: meeting && this.participants().length > 0 ? this.participants().map((p) => (p.userId !== undefined ? { userId: p.userId } : { contactId: p.contactId! })) : undefined,
    };
    return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as NewTask;
  }

  /** A change sends every field, with null for a cleared one; the reminder only when it or the time changed. */
  private change(task: Task): TaskChange {
    const body = this.body();
    const link = typeof this.linkSearch.value === 'string' ? null : this.linkSearch.value;
    const timeChanged = body.dueAt !== (task.dueAt === null ? undefined : new Date(task.dueAt).toISOString());
    const change: TaskChange = {
      kind: body.kind,
      title: body.title,
      description: body.description ?? null,
      dueAt: body.dueAt ?? null,
      endsAt: body.endsAt ?? null,
      allDay: body.allDay ?? false,
      priority: body.priority,
      location: body.location ?? null,
      meetingUrl: body.meetingUrl ?? null,
      contactId: link?.type === 'contact' ? link.id : null,
      companyId: link?.type === 'company' ? link.id : null,
      dealId: link?.type === 'deal' ? link.id : null,
    };
    if (this.form.controls.reminder.dirty || timeChanged) {
      if (body.remindBeforeMinutes === undefined) {
        change.remindAt = null;
      } else {
        change.remindBeforeMinutes = body.remindBeforeMinutes;
      }
    }
    if (body.ownerId !== undefined && body.ownerId !== task.ownerId) {
      change.ownerId = body.ownerId;
    }
    if (body.kind === 'meeting') {
      change.participants = body.participants ?? [];
    }
    return change;
  }

  private buildForm() {
    const task = this.data.task;
    const start = this.data.start ?? defaultStart(new Date());
    const kind = task?.kind ?? this.data.kind ?? 'task';
    const end = new Date(start.getTime() + DEFAULT_MEETING_MINUTES * 60_000);
    const allDay = task?.allDay ?? this.data.allDay ?? false;
    const times = task ? fieldsOf(task) : { date: localDate(start), time: allDay ? '' : localTime(start), endDate: localDate(allDay ? start : end), endTime: allDay ? '' : localTime(end), allDay };
    return inject(FormBuilder).nonNullable.group(
      {
        kind: [kind],
        title: [task?.title ?? '', [notBlank, Validators.maxLength(300)]],
        description: [task?.description ?? '', Validators.maxLength(10_000)],
        date: [times.date],
        time: [times.time],
        endDate: [times.endDate],
        endTime: [times.endTime],
        allDay: [times.allDay],
        reminder: [task ? reminderOf(task) : (15 as number | null)],
        priority: [task?.priority ?? ('normal' as TaskPriority)],
        location: [task?.location ?? '', Validators.maxLength(300)],
        meetingUrl: [task?.meetingUrl ?? '', [Validators.maxLength(2000), Validators.pattern(/^(https?:\/\/\S+)?$/)]],
      },
      { validators: taskTimesValidator },
    );
  }

  /** Field errors on their fields; a stale version closes the dialog so the page shows the other person's change. */
  private explain(error: unknown): void {
    if (problemCode(error) === 'version-mismatch') {
      this.notify.error(error);
      this.ref.close();
      return;
    }
    if (problemCode(error) !== 'validation') {
      this.notify.error(error);
      return;
    }
    const unmatched = applyProblemToForm(this.form, error).filter((text) => {
      const [field] = text.split(':');
      const target = field === 'dueAt' ? this.form.controls.date : field === 'endsAt' ? this.form.controls.endDate : null;
      if (target === null) {
        return true;
      }
      target.setErrors({ server: text.slice(field.length + 1).trim() });
      target.markAsTouched();
      return false;
    });
    if (unmatched.length > 0) {
      this.notify.error(error);
    }
  }
}

function linkOfTask(task: Task): TaskLink | null {
  if (task.dealId !== null) {
    return { type: 'deal', id: task.dealId, name: task.dealTitle ?? '' };
  }
  if (task.contactId !== null) {
    return { type: 'contact', id: task.contactId, name: task.contactName ?? '' };
  }
  if (task.companyId !== null) {
    return { type: 'company', id: task.companyId, name: task.companyName ?? '' };
  }
  return null;
}
