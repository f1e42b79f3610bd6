import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { applyProblemToForm, problemCode } from '@app/core/api/problem';
import { DateTimeFields } from '@app/shared/ui/date-time-fields';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { localDate, localTime } from '@app/shared/ui/local-date-time';
import type { FollowUp } from '../card/card-record';

export interface FollowUpDialogData {
  /** The follow-up the record has now; the dialog starts from it. */
  current: FollowUp;
  /** Saves the follow-up; rejects when it was not saved (the caller has said why). */
  save: (followUp: FollowUp) => Promise<unknown>;
}

/** The hour a new follow-up is suggested for, the next day. */
export const DEFAULT_FOLLOW_UP_HOUR = 10;

/** Tomorrow at 10:00 in the browser's time zone. */
export function defaultFollowUpAt(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, DEFAULT_FOLLOW_UP_HOUR, 0);
}

const notBlank = (control: AbstractControl<string>): ValidationErrors | null => (control.value.trim() === '' ? { required: true } : null);

/**
 * "Schedule a follow-up": what to do next (required) and when (a date and a time, tomorrow 10:00
 * unless the record has one already). Closes with the saved follow-up; a conflict (412) closes it
 * too, since the card then shows the other person's version.
 */
@Component({
  selector: 'crm-follow-up-dialog',
  imports: [ReactiveFormsModule, TranslocoPipe, FieldErrors, DateTimeFields, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule],
  providers: [provideTranslocoScope('activities')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'activities.followUp.title' | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="follow-up-form">
      <mat-dialog-content>
        <div class="form">
          <mat-form-field class="wide">
            <mat-label>{{ 'activities.followUp.what' | transloco }}</mat-label>
            <input matInput formControlName="nextStep" required autocomplete="off" data-testid="follow-up-what" />
            <mat-hint>{{ 'activities.followUp.whatHint' | transloco }}</mat-hint>
            <mat-error><crm-field-errors [control]="form.controls.nextStep" /></mat-error>
          </mat-form-field>
          <crm-date-time-fields [date]="form.controls.date" [time]="form.controls.time" dateLabel="activities.followUp.date" timeLabel="activities.followUp.time" testId="follow-up" />
        </div>
        @if (saving()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="follow-up-save">{{ 'common.save' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .form { display: grid; gap: 4px 16px; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); min-width: min(480px, 80vw); padding-top: 8px; }
    .wide { grid-column: 1 / -1; }
  `,
})
export class FollowUpDialog {
  private readonly data = inject<FollowUpDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<FollowUpDialog, FollowUp>>(MatDialogRef);
  private readonly at = this.data.current.nextStepAt === null ? defaultFollowUpAt(new Date()) : new Date(this.data.current.nextStepAt);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    nextStep: [this.data.current.nextStep ?? '', [notBlank, Validators.maxLength(300)]],
    date: [localDate(this.at), Validators.required],
    time: [localTime(this.at), Validators.required],
  });
  protected readonly saving = signal(false);

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const raw = this.form.getRawValue();
    const followUp: FollowUp = { nextStep: raw.nextStep.trim(), nextStepAt: new Date(`${raw.date}T${raw.time}`).toISOString() };
    this.saving.set(true);
    try {
      await this.data.save(followUp);
      this.ref.close(followUp);
    } catch (error) {
      if (problemCode(error) === 'version-mismatch') {
        this.ref.close();
      } else if (problemCode(error) === 'validation') {
        this.showFieldErrors(error);
      }
    } finally {
      this.saving.set(false);
    }
  }

  /** The server names the time `nextStepAt`: its message goes on the date. */
  private showFieldErrors(error: unknown): void {
    for (const text of applyProblemToForm(this.form, error)) {
      if (text.startsWith('nextStepAt:')) {
        this.form.controls.date.setErrors({ server: text.slice('nextStepAt:'.length).trim() });
        this.form.controls.date.markAsTouched();
      }
    }
  }
}
