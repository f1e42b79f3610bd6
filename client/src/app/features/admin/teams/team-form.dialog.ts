import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Schema } from '@app/core/api/schema';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { Notify } from '@app/shared/ui/notify.service';
import { TeamsStore } from '../data-access/teams.store';
import { UserDirectoryStore } from '../data-access/user-directory.store';
import { showOnForm } from '../server-errors';
import { UserPicker } from './user-picker';

type Team = Schema<'TeamResponse'>;

export interface TeamFormData {
  /** The team to change; absent: a new team. */
  team?: Team;
}

/** Creates or changes a team: its name, its lead and its members. */
@Component({
  selector: 'crm-team-form-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule, TranslocoPipe, FieldErrors, UserPicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ (team ? 'admin.teams.editTitle' : 'admin.teams.createTitle') | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <mat-form-field class="field">
          <mat-label>{{ 'admin.teams.name' | transloco }}</mat-label>
          <input matInput formControlName="name" autocomplete="off" required />
          <mat-error><crm-field-errors [control]="form.controls.name" /></mat-error>
        </mat-form-field>
        <crm-user-picker [label]="'admin.teams.lead' | transloco" [users]="directory.users()" [multiple]="false" [(selected)]="lead" />
        <crm-user-picker [label]="'admin.teams.members' | transloco" [users]="directory.users()" [(selected)]="members" />
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()">{{ (team ? 'common.save' : 'common.create') | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    form { display: contents; }
    .field { width: 100%; }
  `,
})
export class TeamFormDialog {
  private readonly store = inject(TeamsStore);
  private readonly notify = inject(Notify);
  private readonly transloco = inject(TranslocoService);
  private readonly dialogRef = inject<MatDialogRef<TeamFormDialog, Team>>(MatDialogRef);
  protected readonly directory = inject(UserDirectoryStore);
  protected readonly team = inject<TeamFormData>(MAT_DIALOG_DATA).team;
  protected readonly busy = this.store.saving;

  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: [this.team?.name ?? '', [Validators.required, Validators.maxLength(200)]],
  });
  protected readonly lead = signal<string[]>(this.team?.leadId ? [this.team.leadId] : []);
  protected readonly members = signal<string[]>(this.team?.memberIds ?? []);

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const body = { name: this.form.controls.name.value.trim(), leadId: this.lead()[0] ?? null, memberIds: this.members() };
    try {
      const saved = this.team === undefined ? await this.store.create(body) : await this.store.update(this.team, body);
      this.dialogRef.close(saved);
    } catch (error) {
      if (!showOnForm(this.form, error, this.transloco)) {
        this.notify.error(error);
      }
    }
  }
}
