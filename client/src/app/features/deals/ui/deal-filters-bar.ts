import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, output, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { catchError, debounceTime, map, of } from 'rxjs';
import { AuthStore } from '@app/core/auth/auth.store';
import { seesOthersRecords } from '@app/features/lists/data-access/list-access';
import { OwnerFilter } from '@app/features/lists/owner-filter/owner-filter';
import type { DealFilterParams } from '../data-access/deal-filters';

const SEARCH_DEBOUNCE_MS = 300;

interface TeamChoice {
  id: string;
  name: string;
}

/**
 * The filters of the board and the list: search, responsible persons (for roles that see others'
 * deals), team, expected close between two dates and tags. Each change goes to the address.
 */
@Component({
  selector: 'crm-deal-filters-bar',
  imports: [ReactiveFormsModule, TranslocoPipe, MatFormFieldModule, MatInputModule, MatSelectModule, MatIconModule, MatButtonModule, OwnerFilter],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="filters" role="search" [attr.aria-label]="'deals.filters.label' | transloco">
      <mat-form-field class="search" subscriptSizing="dynamic">
        <mat-label>{{ 'deals.filters.search' | transloco }}</mat-label>
        <mat-icon matPrefix aria-hidden="true">search</mat-icon>
        <input matInput type="search" [formControl]="search" autocomplete="off" data-testid="deal-search" />
      </mat-form-field>
      @if (seesOthers()) {
        <crm-owner-filter resource="deals" [selected]="ownerIds()" (selectedChange)="changed.emit({ owner: $event.length > 0 ? $event.join(',') : undefined })" />
      }
      @if (teams().length > 0) {
        <mat-form-field class="narrow" subscriptSizing="dynamic">
          <mat-label>{{ 'deals.filters.team' | transloco }}</mat-label>
          <mat-select [value]="params().team ?? ''" (selectionChange)="changed.emit({ team: $event.value || undefined })" data-testid="filter-team">
            <mat-option value="">{{ 'common.all' | transloco }}</mat-option>
            @for (team of teams(); track team.id) {
              <mat-option [value]="team.id">{{ team.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      <mat-form-field class="date" subscriptSizing="dynamic">
        <mat-label>{{ 'deals.filters.closeFrom' | transloco }}</mat-label>
        <input matInput type="date" [value]="params().from ?? ''" (change)="date('from', $event)" data-testid="filter-close-from" />
      </mat-form-field>
      <mat-form-field class="date" subscriptSizing="dynamic">
        <mat-label>{{ 'deals.filters.closeTo' | transloco }}</mat-label>
        <input matInput type="date" [value]="params().to ?? ''" (change)="date('to', $event)" data-testid="filter-close-to" />
      </mat-form-field>
      <mat-form-field class="narrow" subscriptSizing="dynamic">
        <mat-label>{{ 'deals.filters.tags' | transloco }}</mat-label>
        <input matInput [formControl]="tags" (keydown.enter)="applyTags()" (blur)="applyTags()" autocomplete="off" data-testid="filter-tags" />
      </mat-form-field>
      @if (any()) {
        <button mat-button type="button" (click)="clear()"><mat-icon>filter_alt_off</mat-icon>{{ 'common.clear' | transloco }}</button>
      }
    </div>
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin-bottom: 8px; }
    .search { flex: 0 1 320px; min-width: 0; }
    .narrow { flex: 0 1 200px; min-width: 140px; }
    .date { flex: 0 1 170px; min-width: 140px; }
  `,
})
export class DealFiltersBar {
  private readonly auth = inject(AuthStore);
  private readonly http = inject(HttpClient);
  private readonly destroyRef = inject(DestroyRef);

  readonly params = input.required<DealFilterParams>();
  /** The address parameters to change (undefined: remove). */
  readonly changed = output<DealFilterParams>();

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly tags = new FormControl('', { nonNullable: true });
  protected readonly teams = signal<TeamChoice[]>([]);
  protected readonly ownerIds = computed(() => (this.params().owner ?? '').split(',').filter((id) => id !== ''));
  protected readonly seesOthers = computed(() => {
    const user = this.auth.user();
    return user !== null && seesOthersRecords(this.auth.ability(), 'Deal', user.id);
  });
  protected readonly any = computed(() => Object.values(this.params()).some((value) => value !== undefined && value !== ''));

  constructor() {
    effect(() => {
      const { q, tag } = this.params();
      untracked(() => {
        if ((q ?? '') !== this.search.value.trim()) {
          this.search.setValue(q ?? '', { emitEvent: false });
        }
        this.tags.setValue(tag ?? '', { emitEvent: false });
      });
    });
    this.search.valueChanges.pipe(map((value) => value.trim()), debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed()).subscribe((q) => {
      if (q !== (this.params().q ?? '')) {
        this.changed.emit({ q: q === '' ? undefined : q });
      }
    });
    if (this.auth.ability().can('read', 'Team')) {
      this.http
        .get<{ items: TeamChoice[] }>('/api/v1/teams', { params: { limit: 100 } })
        .pipe(map((page) => page.items), catchError(() => of([])), takeUntilDestroyed(this.destroyRef))
        .subscribe((teams) => this.teams.set(teams));
    }
  }

  protected date(which: 'from' | 'to', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.changed.emit({ [which]: value === '' ? undefined : value });
  }

  protected applyTags(): void {
    const tag = this.tags.value.split(',').map((t) => t.trim()).filter((t) => t !== '').join(',');
    if (tag !== (this.params().tag ?? '')) {
      this.changed.emit({ tag: tag === '' ? undefined : tag });
    }
  }

  protected clear(): void {
    this.search.setValue('', { emitEvent: false });
    this.changed.emit({ q: undefined, owner: undefined, team: undefined, from: undefined, to: undefined, tag: undefined });
  }
}
