import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, output, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectChange, MatSelectModule } from '@angular/material/select';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { catchError, map, of, switchMap } from 'rxjs';
import { ListResource, ListsApi, Owner } from '../data-access/lists-api';

/** As many users as a company's staff: the filter is a plain choice, not a search. */
const OWNER_CHOICES = 200;

/**
 * The owner filter of a list for roles that see other people's records: one or several
 * responsible persons among those whose records the role may see.
 */
@Component({
  selector: 'crm-owner-filter',
  imports: [MatFormFieldModule, MatSelectModule, TranslocoPipe],
  providers: [provideTranslocoScope('lists')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="filter" subscriptSizing="dynamic">
      <mat-label>{{ 'lists.owners.label' | transloco }}</mat-label>
      <mat-select multiple [value]="selected()" (selectionChange)="choose($event)" data-testid="filter-owner">
        @for (owner of owners(); track owner.id) {
          <mat-option [value]="owner.id">
            {{ owner.displayName }}
            @if (!owner.active) {
              <span class="inactive">({{ 'lists.owners.inactive' | transloco }})</span>
            }
          </mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  styles: `
    :host { display: contents; }
    .filter { flex: 0 1 240px; min-width: 160px; }
    .inactive { margin-inline-start: 4px; color: var(--mat-sys-on-surface-variant); }
  `,
})
export class OwnerFilter {
  private readonly api = inject(ListsApi);
  private readonly destroyRef = inject(DestroyRef);

  readonly resource = input.required<ListResource>();
  /** Ids of the owners filtered by. */
  readonly selected = input<readonly string[]>([]);
  readonly selectedChange = output<string[]>();

  protected readonly owners = signal<Owner[]>([]);

  constructor() {
    effect(() => {
      const resource = this.resource();
      untracked(() => this.load(resource));
    });
  }

  protected choose(change: MatSelectChange<string[]>): void {
    this.selectedChange.emit(change.value);
  }

  /** The users to choose from, and those already chosen beyond the first page (from a link or a saved view). */
  private load(resource: ListResource): void {
    this.api
      .owners(resource, { limit: OWNER_CHOICES })
      .pipe(
        switchMap((owners) => {
          const known = new Set(owners.map((owner) => owner.id));
          const missing = this.selected().filter((id) => !known.has(id));
          return missing.length === 0 ? of(owners) : this.api.owners(resource, { id: missing }).pipe(map((more) => [...owners, ...more]));
        }),
        // Without its choices the filter stays empty; the list itself reports what failed.
        catchError(() => of([])),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((owners) => this.owners.set(owners));
  }
}
