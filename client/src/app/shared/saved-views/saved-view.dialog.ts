import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { FieldErrors } from '@app/shared/ui/field-errors';
import type { Team } from './saved-views.store';

export interface SavedViewDialogData {
  title: string;
  name?: string;
  teamId?: string | null;
  teams: Team[];
}

export interface SavedViewDialogResult {
  name: string;
  teamId: string | null;
}

/** The name of a view and, optionally, the team it is shared with. */
@Component({
  selector: 'crm-saved-view-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, TranslocoPipe, FieldErrors],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <mat-form-field class="field">
          <mat-label>{{ 'views.name' | transloco }}</mat-label>
          <input matInput formControlName="name" required autocomplete="off" cdkFocusInitial />
          <mat-error><crm-field-errors [control]="form.controls.name" /></mat-error>
        </mat-form-field>
        <mat-form-field class="field">
          <mat-label>{{ 'views.shareWith' | transloco }}</mat-label>
          <mat-select formControlName="teamId">
            <mat-option [value]="null">{{ 'views.private' | transloco }}</mat-option>
            @for (team of data.teams; track team.id) {
              <mat-option [value]="team.id">{{ team.name }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'views.shareHint' | transloco }}</mat-hint>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit">{{ 'common.save' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    form { display: contents; }
    .field { width: 100%; }
  `,
})
export class SavedViewDialog {
  protected readonly data = inject<SavedViewDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<SavedViewDialog, SavedViewDialogResult>>(MatDialogRef);
  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly form = this.fb.group({
    name: this.fb.control(this.data.name ?? '', [Validators.required, Validators.maxLength(100)]),
    teamId: this.fb.control<string | null>(this.data.teamId ?? null),
  });

  protected submit(): void {
    const name = this.form.controls.name.value.trim();
    if (this.form.invalid || name === '') {
      this.form.markAllAsTouched();
      return;
    }
    this.dialogRef.close({ name, teamId: this.form.controls.teamId.value });
  }
}
