import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { debounceTime, filter } from 'rxjs';
import { problemOf } from '@app/core/api/problem';
import { Notify } from '@app/shared/ui/notify.service';
import { AssignDialogStore } from '../data-access/assign-dialog.store';
import { ListResource, Owner } from '../data-access/lists-api';

export interface AssignDialogData {
  resource: ListResource;
  ids: string[];
}

const SEARCH_DEBOUNCE_MS = 250;

/**
 * Picks the new responsible person by name and gives them the selected records. A refusal (a
 * record one may not give away, a user who cannot take it) shows the server's explanation and
 * changes nothing; success closes with the number of records that changed owner.
 */
@Component({
  selector: 'crm-assign-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatAutocompleteModule, MatButtonModule, TranslocoPipe],
  providers: [AssignDialogStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ (data.resource === 'contacts' ? 'lists.assign.titleContacts' : 'lists.assign.titleCompanies') | transloco: { count: data.ids.length } }}</h2>
    <mat-dialog-content>
      <mat-form-field class="field">
        <mat-label>{{ 'lists.assign.user' | transloco }}</mat-label>
        <input matInput [formControl]="search" [matAutocomplete]="auto" autocomplete="off" cdkFocusInitial data-testid="assign-user" />
        <mat-autocomplete #auto="matAutocomplete" [displayWith]="nameOf" (optionSelected)="store.choose($event.option.value)">
          @for (owner of store.candidates(); track owner.id) {
            <mat-option [value]="owner">{{ owner.displayName }}</mat-option>
          } @empty {
            @if (store.loaded()) {
              <mat-option disabled>{{ 'common.noResults' | transloco }}</mat-option>
            }
          }
        </mat-autocomplete>
        <mat-hint>{{ 'lists.assign.hint' | transloco }}</mat-hint>
      </mat-form-field>
      @if (refusal(); as refusal) {
        <div class="refusal" role="alert" data-testid="assign-error">
          <p class="title">{{ refusal.text }} {{ 'lists.assign.refused' | transloco }}</p>
          @if (refusal.detail) {
            <p>{{ refusal.detail }}</p>
          }
        </div>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
      <button mat-flat-button type="button" (click)="submit()" [disabled]="store.chosen() === null || store.saving()" data-testid="assign-submit">
        {{ 'lists.assign.submit' | transloco }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .field { width: 100%; }
    .refusal { color: var(--mat-sys-error); font: var(--mat-sys-body-medium); }
    .refusal p { margin: 4px 0; }
    .refusal .title { font: var(--mat-sys-title-small); }
  `,
})
export class AssignDialog {
  protected readonly data = inject<AssignDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<AssignDialog, number>>(MatDialogRef);
  private readonly notify = inject(Notify);
  protected readonly store = inject(AssignDialogStore);
  /** The typed text, or the user picked from the suggestions. */
  protected readonly search = new FormControl<string | Owner>('', { nonNullable: true });

  /** The server's explanation of a refusal: a text in the user's language and the server's own detail. */
  protected readonly refusal = computed(() => {
    const error = this.store.assignError();
    if (error === null) {
      return null;
    }
    const detail = problemOf(error)?.detail ?? '';
    const text = this.notify.describe(error);
    return { text, detail: text.includes(detail) ? '' : detail };
  });

  protected readonly nameOf = (value: Owner | string | null): string => (typeof value === 'string' ? value : (value?.displayName ?? ''));

  constructor() {
    this.store.setResource(this.data.resource);
    this.store.search('');
    const typed$ = this.search.valueChanges.pipe(filter((value): value is string => typeof value === 'string'), takeUntilDestroyed(inject(DestroyRef)));
    // Typing again drops the user picked before, at once; the search waits for a pause.
    typed$.subscribe(() => this.store.choose(null));
    typed$.pipe(debounceTime(SEARCH_DEBOUNCE_MS)).subscribe((q) => this.store.search(q));
  }

  protected async submit(): Promise<void> {
    const assigned = await this.store.assign(this.data.ids);
    if (assigned !== null) {
      this.dialogRef.close(assigned);
    }
  }
}
