import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { FieldErrors } from './field-errors';

/**
 * A date field and a time field side by side (browser inputs in the local time zone, see
 * `local-date-time.ts`); the time is left out when `withTime` is false (an all-day meeting).
 * The host is `display: contents`, so both fields take part in the dialog's grid.
 */
@Component({
  selector: 'crm-date-time-fields',
  imports: [ReactiveFormsModule, TranslocoPipe, FieldErrors, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    <mat-form-field>
      <mat-label>{{ dateLabel() | transloco }}</mat-label>
      <input matInput type="date" [formControl]="date()" [required]="required()" [attr.data-testid]="testId() + '-date'" />
      <mat-error><crm-field-errors [control]="date()" /></mat-error>
    </mat-form-field>
    @if (withTime()) {
      <mat-form-field>
        <mat-label>{{ timeLabel() | transloco }}</mat-label>
        <input matInput type="time" [formControl]="time()" [required]="required()" [attr.data-testid]="testId() + '-time'" />
        <mat-error><crm-field-errors [control]="time()" /></mat-error>
      </mat-form-field>
    }
  `,
})
export class DateTimeFields {
  readonly date = input.required<FormControl<string>>();
  readonly time = input.required<FormControl<string>>();
  /** Translation keys of the two labels. */
  readonly dateLabel = input.required<string>();
  readonly timeLabel = input.required<string>();
  readonly withTime = input(true);
  readonly required = input(true);
  /** The fields get `<testId>-date` and `<testId>-time`. */
  readonly testId = input.required<string>();
}
