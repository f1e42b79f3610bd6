import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { applyProblemToForm, problemCode } from '@app/core/api/problem';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { localDateTime } from '@app/shared/ui/local-date-time';
import { Notify } from '@app/shared/ui/notify.service';
import { Activity, ACTIVITY_KINDS, ActivityKind, ActivitiesApi, CALL_OUTCOMES, NewActivity, RecordEntity } from '../data-access/activities-api';

export interface ActivityDialogData {
  entity: RecordEntity;
  recordId: string;
  kind: ActivityKind;
}

/** Which fields a kind takes; the server applies the same rules (server/src/modules/customers/activities.service.ts). */
export const KIND_FIELDS: Record<ActivityKind, { direction: boolean; duration: boolean; outcome: boolean; subjectRequired: boolean; bodyRequired: boolean }> = {
  call: { direction: true, duration: true, outcome: true, subjectRequired: false, bodyRequired: false },
  email: { direction: true, duration: false, outcome: false, subjectRequired: true, bodyRequired: false },
  meeting: { direction: false, duration: true, outcome: false, subjectRequired: true, bodyRequired: false },
  note: { direction: false, duration: false, outcome: false, subjectRequired: false, bodyRequired: true },
};

/** The field of an activity that links it to the record whose card logged it. */
const RECORD_LINK: Record<RecordEntity, (id: string) => Pick<NewActivity, 'contactId' | 'companyId' | 'dealId'>> = {
  contact: (id) => ({ contactId: id }),
  company: (id) => ({ companyId: id }),
  deal: (id) => ({ dealId: id }),
};

const notBlank = (control: AbstractControl<string>): ValidationErrors | null => (control.value.trim() === '' ? { required: true } : null);

/** Logs a call, e-mail, meeting or note on a contact, company or deal; closes with the logged activity. */
@Component({
  selector: 'crm-activity-dialog',
  imports: [ReactiveFormsModule, TranslocoPipe, FieldErrors, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatProgressBarModule],
  providers: [provideTranslocoScope('activities')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './activity-dialog.html',
  styles: `
    .form { display: grid; gap: 4px 16px; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); min-width: min(560px, 80vw); padding-top: 8px; }
    .wide { grid-column: 1 / -1; }
  `,
})
export class ActivityDialog {
  private readonly api = inject(ActivitiesApi);
  private readonly notify = inject(Notify);
  private readonly dialogRef = inject<MatDialogRef<ActivityDialog, Activity>>(MatDialogRef);
  protected readonly data = inject<ActivityDialogData>(MAT_DIALOG_DATA);

  protected readonly kinds = ACTIVITY_KINDS;
  protected readonly outcomes = CALL_OUTCOMES;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    kind: [this.data.kind as ActivityKind],
    occurredAt: [localDateTime(new Date()), Validators.required],
    subject: ['', Validators.maxLength(300)],
    body: ['', Validators.maxLength(100_000)],
    direction: ['outbound' as 'inbound' | 'outbound'],
    durationMinutes: [null as number | null, [Validators.min(0), Validators.max(1440)]],
    outcome: ['' as NonNullable<Activity['outcome']> | ''],
  });
  private readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: this.data.kind });
  protected readonly fields = computed(() => KIND_FIELDS[this.kind()]);
  protected readonly saving = signal(false);
  /** The key of a create, kept while the same body is retried; a changed form is a new request. */
  private pending: { key: string; body: string } | null = null;

  constructor() {
    this.applyKind(this.data.kind);
    this.form.controls.kind.valueChanges.pipe(takeUntilDestroyed()).subscribe((kind) => this.applyKind(kind));
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const body = this.body();
    const fingerprint = JSON.stringify(body);
    if (this.pending === null || this.pending.body !== fingerprint) {
      this.pending = { key: crypto.randomUUID(), body: fingerprint };
    }
    this.saving.set(true);
    try {
      const activity = await firstValueFrom(this.api.create(body, this.pending.key));
      this.dialogRef.close(activity);
    } catch (error) {
      this.explain(error);
    } finally {
      this.saving.set(false);
    }
  }

  /** The request for the chosen kind: only the fields it takes. */
  private body(): NewActivity {
    const raw = this.form.getRawValue();
    const fields = KIND_FIELDS[raw.kind];
    const text = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
    return {
      kind: raw.kind,
      // Untouched, the field shows "now" to the minute; the server's clock then gives the exact moment.
      ...(this.form.controls.occurredAt.dirty ? { occurredAt: new Date(raw.occurredAt).toISOString() } : {}),
      ...RECORD_LINK[this.data.entity](this.data.recordId),
      ...(text(raw.subject) === undefined ? {} : { subject: text(raw.subject) }),
      ...(text(raw.body) === undefined ? {} : { body: text(raw.body) }),
      ...(fields.direction ? { direction: raw.direction } : {}),
      ...(fields.duration && raw.durationMinutes !== null ? { durationSeconds: Math.round(raw.durationMinutes * 60) } : {}),
      ...(fields.outcome && raw.outcome !== '' ? { outcome: raw.outcome } : {}),
    };
  }

  private applyKind(kind: ActivityKind): void {
    const fields = KIND_FIELDS[kind];
    const { subject, body } = this.form.controls;
    subject.setValidators(fields.subjectRequired ? [notBlank, Validators.maxLength(300)] : [Validators.maxLength(300)]);
    body.setValidators(fields.bodyRequired ? [notBlank, Validators.maxLength(100_000)] : [Validators.maxLength(100_000)]);
    subject.updateValueAndValidity({ emitEvent: false });
    body.updateValueAndValidity({ emitEvent: false });
  }

  /** Field errors on their fields (the duration in seconds is the minutes field here); anything else in a message. */
  private explain(error: unknown): void {
    if (problemCode(error) !== 'validation') {
      this.notify.error(error);
      return;
    }
    const unmatched = applyProblemToForm(this.form, error).filter((text) => {
      if (text.startsWith('durationSeconds:')) {
        this.form.controls.durationMinutes.setErrors({ server: text.slice('durationSeconds:'.length).trim() });
        this.form.controls.durationMinutes.markAsTouched();
        return false;
      }
      return true;
    });
    if (unmatched.length > 0) {
      this.notify.error(error);
    }
  }
}
