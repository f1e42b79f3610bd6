import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { debounceTime, map } from 'rxjs';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe, CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { Notify } from '@app/shared/ui/notify.service';
import { ExportMenu } from '../../exports/export-menu';
import { ContactListStore, ContactQuery } from '../data-access/contact-list.store';
import { Contact, ContactSort, DEFAULT_CONTACT_SORT, isContactSort } from '../data-access/contacts-api';

const SEARCH_DEBOUNCE_MS = 300;

/**
 * Contacts the user may see. The address holds the query (`q`, `sort`, `mine`), so the top bar's
 * search, the back button and shared links all show the same list.
 */
@Component({
  selector: 'crm-contact-list-page',
  imports: [
    ReactiveFormsModule, RouterLink, TranslocoPipe, CrmDatePipe, CrmNumberPipe,
    MatTableModule, MatSortModule, MatButtonModule, MatIconModule, MatFormFieldModule, MatInputModule,
    MatProgressBarModule, MatSlideToggleModule, ExportMenu,
  ],
  providers: [ContactListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './contact-list.page.html',
  styleUrl: './contact-list.page.scss',
})
export class ContactListPage {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthStore);
  private readonly notify = inject(Notify);
  protected readonly store = inject(ContactListStore);

  /** Query parameters of the address. */
  readonly q = input<string>();
  readonly sort = input<string>();
  readonly mine = input<string>();

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly handset = toSignal(inject(BreakpointObserver).observe('(max-width: 599px)').pipe(map((state) => state.matches)), {
    initialValue: false,
  });

  protected readonly canCreate = computed(() => this.auth.ability().can('create', 'Contact'));
  protected readonly onlyMine = computed(() => this.mine() === '1');
  protected readonly sortValue = computed<ContactSort>(() => {
    const sort = this.sort();
    return isContactSort(sort) ? sort : DEFAULT_CONTACT_SORT;
  });
  protected readonly sortActive = computed(() => this.sortValue().replace(/^-/, ''));
  protected readonly sortDirection = computed(() => (this.sortValue().startsWith('-') ? 'desc' : 'asc'));
  /** Compared by value: a renewed session replaces the user object, which must not reload the list. */
  private readonly query = computed<ContactQuery>(
    () => ({
      q: (this.q() ?? '').trim(),
      sort: this.sortValue(),
      ownerId: this.onlyMine() ? (this.auth.user()?.id ?? null) : null,
    }),
    { equal: (a, b) => a.q === b.q && a.sort === b.sort && a.ownerId === b.ownerId },
  );

  /** Columns the role may not read are absent from every row; the table leaves them out. */
  protected readonly columns = computed(() => {
    if (this.handset()) {
      return ['name', 'updatedAt'];
    }
    const items = this.store.items();
    const readable = (field: keyof Contact) => items.length === 0 || items.some((item) => field in item);
    return ['name', ...(readable('phone') ? ['phone'] : []), ...(readable('email') ? ['email'] : []), 'owner', 'updatedAt'];
  }, { equal: (a, b) => a.join() === b.join() });
  protected readonly errorText = computed(() => {
    const error = this.store.error();
    return error === null ? '' : this.notify.describe(error);
  });

  protected readonly trackById = (_index: number, contact: Contact): string => contact.id;

  /** The search text this page just put in the address; any other `q` came from outside (the top bar, back). */
  private pushedQ: string | null = null;

  constructor() {
    effect(() => {
      const query = this.query();
      untracked(() => this.store.load(query));
    });
    effect(() => {
      const q = this.q() ?? '';
      untracked(() => {
        if (q === this.pushedQ) {
          // The echo of the box's own text: the user may already be typing further.
          this.pushedQ = null;
        } else if (q !== this.search.value.trim()) {
          this.search.setValue(q, { emitEvent: false });
        }
      });
    });
    this.search.valueChanges
      .pipe(
        map((value) => value.trim()),
        debounceTime(SEARCH_DEBOUNCE_MS),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((q) => {
        if (q !== (this.q() ?? '')) {
          this.pushedQ = q;
          this.navigate({ q: q === '' ? null : q });
        }
      });
  }

  protected clearSearch(): void {
    this.search.setValue('');
  }

  protected changeSort(sort: Sort): void {
    const value = sort.direction === '' ? null : `${sort.direction === 'desc' ? '-' : ''}${sort.active}`;
    this.navigate({ sort: value === DEFAULT_CONTACT_SORT ? null : value });
  }

  protected toggleMine(change: MatSlideToggleChange): void {
    this.navigate({ mine: change.checked ? '1' : null });
  }

  protected open(contact: Contact): void {
    void this.router.navigate([contact.id], { relativeTo: this.route });
  }

  private navigate(queryParams: Record<string, string | null>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
