import { ChangeDetectionStrategy, Component, computed, input, model, signal } from '@angular/core';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Schema } from '@app/core/api/schema';

type User = Schema<'UserResponse'>;

/** At most this many suggestions: the list is for picking, typing narrows it. */
const SUGGESTIONS = 30;

const fold = (text: string): string => text.toLocaleLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '');

/**
 * Picks users by typing part of their name or login: suggestions among the active users not yet
 * chosen, the chosen ones as removable chips below. With `multiple` off a new choice replaces the old.
 */
@Component({
  selector: 'crm-user-picker',
  imports: [MatFormFieldModule, MatInputModule, MatChipsModule, MatAutocompleteModule, MatIconModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="field">
      <mat-label>{{ label() }}</mat-label>
      <input matInput #text [matAutocomplete]="auto" [placeholder]="'admin.teams.pickerPlaceholder' | transloco" (input)="query.set(text.value)" />
      <mat-autocomplete #auto="matAutocomplete" (optionSelected)="choose($event); text.value = ''">
        @for (user of suggestions(); track user.id) {
          <mat-option [value]="user.id">
            <span>{{ user.displayName }}</span>
            <span class="login">{{ user.login }}</span>
          </mat-option>
        } @empty {
          <mat-option disabled>{{ 'common.noResults' | transloco }}</mat-option>
        }
      </mat-autocomplete>
    </mat-form-field>
    @if (chosen().length > 0) {
      <mat-chip-set role="list" class="chosen" [attr.aria-label]="label()">
        @for (user of chosen(); track user.id) {
          <mat-chip role="listitem" (removed)="remove(user.id)">
            {{ user.displayName }}
            @if (!user.active) {
              <span class="inactive">({{ 'admin.users.status.inactive' | transloco }})</span>
            }
            <button matChipRemove type="button" [attr.aria-label]="'admin.teams.remove' | transloco: { name: user.displayName }">
              <mat-icon>cancel</mat-icon>
            </button>
          </mat-chip>
        }
      </mat-chip-set>
    }
  `,
  styles: `
    :host { display: block; margin-bottom: 8px; }
    .field { width: 100%; }
    .chosen { display: block; margin: -8px 0 8px; }
    .inactive, .login { margin-inline-start: 8px; color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
  `,
})
export class UserPicker {
  readonly label = input.required<string>();
  readonly users = input.required<readonly User[]>();
  readonly multiple = input(true);
  /** Ids of the chosen users. */
  readonly selected = model<string[]>([]);

  protected readonly query = signal('');
  protected readonly chosen = computed(() => {
    const byId = new Map(this.users().map((user) => [user.id, user]));
    return this.selected()
      .map((id) => byId.get(id))
      .filter((user) => user !== undefined);
  });
  protected readonly suggestions = computed(() => {
    const query = fold(this.query().trim());
    const chosen = new Set(this.selected());
    return this.users()
      .filter((user) => user.active && !chosen.has(user.id))
      .filter((user) => query === '' || fold(user.displayName).includes(query) || user.login.includes(query))
      .slice(0, SUGGESTIONS);
  });

  protected choose(event: MatAutocompleteSelectedEvent): void {
    const id = event.option.value as string;
    this.selected.set(this.multiple() ? [...this.selected(), id] : [id]);
    this.query.set('');
  }

  protected remove(id: string): void {
    this.selected.set(this.selected().filter((chosen) => chosen !== id));
  }
}
