import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '@app/core/i18n/language.service';
import { FieldErrors } from '@app/shared/ui/field-errors';
import type { LostDetails } from '../data-access/board.store';
import type { LostReason } from '../data-access/deals-api';
import { labelOf } from '../data-access/labels';

export interface LostReasonDialogData {
  dealTitle: string;
  reasons: LostReason[];
}

/** Why a deal was lost (required) and a note: asked before a deal moves to a lost stage. Closes with nothing on cancel. */
@Component({
  selector: 'crm-lost-reason-dialog',
  imports: [ReactiveFormsModule, TranslocoPipe, FieldErrors, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  providers: [provideTranslocoScope('deals')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'deals.lost.title' | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content class="form">
        <p>{{ 'deals.lost.text' | transloco: { title: data.dealTitle } }}</p>
        <mat-form-field>
          <mat-label>{{ 'deals.fields.lostReason' | transloco }}</mat-label>
          <mat-select formControlName="lostReasonId" required data-testid="lost-reason">
            @for (reason of data.reasons; track reason.id) {
              <mat-option [value]="reason.id">{{ label(reason) }}</mat-option>
            }
          </mat-select>
          <mat-error><crm-field-errors [control]="form.controls.lostReasonId" /></mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'deals.fields.lostNote' | transloco }}</mat-label>
          <textarea matInput formControlName="lostNote" rows="3" data-testid="lost-note"></textarea>
          <mat-error><crm-field-errors [control]="form.controls.lostNote" /></mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="cancel()" data-testid="lost-cancel">{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" data-testid="lost-confirm">{{ 'deals.lost.confirm' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `.form { display: grid; gap: 4px; min-width: min(420px, 80vw); }`,
})
export class LostReasonDialog {
  private readonly language = inject(LanguageService);
  private readonly dialogRef = inject<MatDialogRef<LostReasonDialog, LostDetails>>(MatDialogRef);
  protected readonly data = inject<LostReasonDialogData>(MAT_DIALOG_DATA);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    lostReasonId: ['', Validators.required],
    lostNote: ['', Validators.maxLength(2000)],
  });

  protected label(reason: LostReason): string {
    return labelOf(reason, this.language.current());
  }

  /** Closes with nothing: the deal stays where it was. */
  protected cancel(): void {
    this.dialogRef.close();
  }

  protected confirm(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { lostReasonId, lostNote } = this.form.getRawValue();
    this.dialogRef.close({ lostReasonId, ...(lostNote.trim() === '' ? {} : { lostNote: lostNote.trim() }) });
  }
}
