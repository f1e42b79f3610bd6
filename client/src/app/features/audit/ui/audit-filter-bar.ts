import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, output, signal, untracked } from '@angular/core';
import { BreakpointObserver } from '@angular/cdk/layout';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { catchError, debounceTime, filter, map, merge, of, switchMap } from 'rxjs';
import type { Schema } from '@app/core/api/schema';
import { AuditApi } from '../data-access/audit.api';
import { activeFilterCount, AuditFilters, sameFilters } from '../data-access/audit-filters';
import { actionKey, APP_ACTIONS, DATA_ACTIONS, KNOWN_TABLES, tableKey } from '../data-access/audit-labels';
import { localDateTime } from '@app/shared/ui/local-date-time';

type User = Schema<'UserResponse'>;

/** `YYYY-MM-DDTHH:mm` in the browser's time zone, as a datetime-local field shows it. */
export function toLocalInput(iso: string | undefined): string {
  if (iso === undefined) {
    return '';
  }
  return localDateTime(new Date(iso));
}

export function fromLocalInput(value: string): string | undefined {
  const time = value === '' ? NaN : new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * The filters of the audit search. It shows the filters it is given (from the page's address) and
 * emits new ones as the user changes a field; the page puts them in the address.
 */
@Component({
  selector: 'crm-audit-filter-bar',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatAutocompleteModule, MatButtonModule, MatIconModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-filter-bar.html',
  styleUrl: './audit-filter-bar.scss',
})
export class AuditFilterBar {
  private readonly api = inject(AuditApi);

  readonly filters = input.required<AuditFilters>();
  readonly filtersChange = output<AuditFilters>();

  protected readonly dataActions = DATA_ACTIONS;
  protected readonly appActions = APP_ACTIONS;
  protected readonly actionKey = actionKey;
  protected readonly tableKey = tableKey;
  protected readonly tables = signal<string[]>([...KNOWN_TABLES]);
  protected readonly actions = signal<string[]>([]);
  protected readonly users = signal<User[]>([]);
  protected readonly activeCount = signal(0);
  /** On a phone the filters fold away behind a button, so that the events come first. */
  protected readonly handset = toSignal(inject(BreakpointObserver).observe('(max-width: 719px)').pipe(map((state) => state.matches)), {
    initialValue: false,
  });
  protected readonly expanded = signal(false);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    action: [''],
    actorId: [''],
    tableName: [''],
    recordId: [''],
    from: [''],
    to: [''],
  });
  /** What the actor field shows: the chosen user, or the text typed to find one. */
  protected readonly actor = new FormControl<User | string>('', { nonNullable: true });

  constructor() {
    effect(() => {
      const filters = this.filters();
      untracked(() => this.show(filters));
    });

    const destroyRef = inject(DestroyRef);
    // Lists react at once; typed fields wait for a pause in typing.
    const immediate = merge(this.form.controls.action.valueChanges, this.form.controls.tableName.valueChanges, this.form.controls.actorId.valueChanges);
    const typed = merge(this.form.controls.recordId.valueChanges, this.form.controls.from.valueChanges, this.form.controls.to.valueChanges).pipe(debounceTime(400));
    merge(immediate, typed)
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(() => this.emit());

    this.actor.valueChanges
      .pipe(
        filter((value): value is string => typeof value === 'string'),
        debounceTime(250),
        switchMap((text) => this.api.users(text).pipe(map((page) => page.items), catchError(() => of<User[]>([])))),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((users) => this.users.set(users));
  }

  protected displayUser(value: User | string | null): string {
    return typeof value === 'string' || value === null ? (value ?? '') : `${value.displayName} (${value.login})`;
  }

  protected chooseActor(event: MatAutocompleteSelectedEvent): void {
    const user = event.option.value as User;
    this.form.controls.actorId.setValue(user.id);
  }

  /** Emptying the actor field drops the actor filter; text that names nobody changes nothing. */
  protected actorTyped(): void {
    if (this.actor.value === '' && this.form.controls.actorId.value !== '') {
      this.form.controls.actorId.setValue('');
    }
  }

  protected suggestUsers(): void {
    if (typeof this.actor.value === 'string' && this.users().length === 0) {
      this.actor.setValue(this.actor.value);
    }
  }

  protected clearActor(): void {
    this.actor.setValue('');
    this.form.controls.actorId.setValue('');
  }

  /** Enter in a text field applies at once. */
  protected submit(): void {
    this.emit();
  }

  protected clear(): void {
    this.filtersChange.emit({});
  }

  private current(): AuditFilters {
    const value = this.form.getRawValue();
    const filters: AuditFilters = {};
    for (const key of ['action', 'actorId', 'tableName'] as const) {
      if (value[key] !== '') {
        filters[key] = value[key];
      }
    }
    if (value.recordId.trim() !== '') {
      filters.recordId = value.recordId.trim();
    }
    const from = fromLocalInput(value.from);
    const to = fromLocalInput(value.to);
    return { ...filters, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }

  private emit(): void {
    const filters = this.current();
    if (!sameFilters(filters, this.filters())) {
      this.filtersChange.emit(filters);
    }
  }

  /** Puts the filters into the fields without emitting them back. */
  private show(filters: AuditFilters): void {
    this.activeCount.set(activeFilterCount(filters));
    // A value from a shared link that the lists do not offer is still shown, as the server names it.
    if (filters.tableName && !this.tables().includes(filters.tableName)) {
      this.tables.update((tables) => [...tables, filters.tableName!]);
    }
    const offered: string[] = [...DATA_ACTIONS, ...APP_ACTIONS];
    this.actions.set(filters.action && !offered.includes(filters.action) ? [filters.action] : []);
    this.form.setValue(
      {
        action: filters.action ?? '',
        actorId: filters.actorId ?? '',
        tableName: filters.tableName ?? '',
        recordId: filters.recordId ?? '',
        from: toLocalInput(filters.from),
        to: toLocalInput(filters.to),
      },
      { emitEvent: false },
    );
    this.showActor(filters.actorId);
  }

  private showActor(actorId: string | undefined): void {
    const shown = this.actor.value;
    if (actorId === undefined) {
      if (typeof shown !== 'string') {
        this.actor.setValue('', { emitEvent: false });
      }
      return;
    }
    if (typeof shown !== 'string' && shown.id === actorId) {
      return;
    }
    this.actor.setValue(actorId, { emitEvent: false });
    this.api.user(actorId).subscribe({
      next: (user) => {
        if (this.form.controls.actorId.value === user.id) {
          this.actor.setValue(user, { emitEvent: false });
        }
      },
      error: () => undefined,
    });
  }
}
