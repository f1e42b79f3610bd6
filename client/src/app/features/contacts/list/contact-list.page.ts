import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatChipsModule } from '@angular/material/chips';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectChange, MatSelectModule } from '@angular/material/select';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { debounceTime, map } from 'rxjs';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe, CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { LanguageService } from '@app/core/i18n/language.service';
import { Notify } from '@app/shared/ui/notify.service';
import { ContactListStore, ContactQuery, sameContactQuery } from '../data-access/contact-list.store';
import { Contact, ContactSort, DEFAULT_CONTACT_SORT, isContactSort, Lifecycle, LIFECYCLES, Source, SOURCES } from '../data-access/contacts-api';

/** The primary company of a contact, as the list and the card show it. */
export const primaryCompany = (contact: Contact): string | null => contact.companies?.find((c) => c.primary)?.companyName ?? null;
import { CustomFieldFilters } from '@app/shared/custom-fields/custom-field-filters';
import { CustomFieldValue } from '@app/shared/custom-fields/custom-field-value';
import { CustomFieldsStore } from '@app/shared/custom-fields/custom-fields.store';
import { SavedViewsMenu } from '@app/shared/saved-views/saved-views-menu';
import { ExportMenu } from '../../exports/export-menu';
import { ColumnChooser } from '../../lists/columns/column-chooser';
import { listColumns } from '../../lists/columns/list-columns';
import { listAccess } from '../../lists/data-access/list-access';
import { SelectionStore } from '../../lists/data-access/selection.store';
import { OwnerFilter } from '../../lists/owner-filter/owner-filter';
import { SelectionBar } from '../../lists/selection/selection-bar';

const SEARCH_DEBOUNCE_MS = 300;

/** The optional columns, in the order the table and the chooser show them; labels are text keys. */
const STANDARD_COLUMNS = [
  { id: 'phone', label: 'contacts.fields.phone' },
  { id: 'email', label: 'contacts.fields.email' },
  { id: 'lifecycle', label: 'contacts.fields.lifecycle' },
  { id: 'source', label: 'contacts.fields.source' },
  { id: 'tags', label: 'contacts.fields.tags' },
  { id: 'owner', label: 'contacts.fields.owner' },
  { id: 'lastContactedAt', label: 'contacts.fields.lastContactedAt' },
  { id: 'createdAt', label: 'contacts.fields.createdAt' },
  { id: 'updatedAt', label: 'contacts.fields.updatedAt' },
];
const DEFAULT_COLUMNS = ['phone', 'email', 'lifecycle', 'tags', 'owner', 'updatedAt'];
/** Columns whose field the role's field limits may leave out of every row. */
const LIMITED_FIELDS: Record<string, keyof Contact> = {
  phone: 'phone', email: 'email', lifecycle: 'lifecycle', source: 'source', tags: 'tags', lastContactedAt: 'lastContactedAt',
};

/**
 * Contacts the user may see. The address holds the query (`q`, `sort`, `mine` or `owner`, the
 * filters) and the `columns` shown, so the top bar's search, the back button, shared links and
 * saved views all show the same list. Roles that may reassign pick rows and give them away.
 */
@Component({
  selector: 'crm-contact-list-page',
  imports: [
    ReactiveFormsModule, RouterLink, TranslocoPipe, CrmDatePipe, CrmNumberPipe,
    MatTableModule, MatSortModule, MatButtonModule, MatIconModule, MatFormFieldModule, MatInputModule,
    MatProgressBarModule, MatSlideToggleModule, MatSelectModule, MatChipsModule, MatCheckbox, CustomFieldFilters, CustomFieldValue,
    SavedViewsMenu, ExportMenu, ColumnChooser, OwnerFilter, SelectionBar,
  ],
  providers: [ContactListStore, CustomFieldsStore, SelectionStore, provideTranslocoScope('contacts', 'lists')],
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
  protected readonly customFields = inject(CustomFieldsStore);
  protected readonly selection = inject(SelectionStore);
  private readonly language = inject(LanguageService);

  /** Query parameters of the address. */
  readonly q = input<string>();
  readonly sort = input<string>();
  readonly mine = input<string>();
  readonly lifecycle = input<string>();
  readonly source = input<string>();
  readonly tag = input<string>();
  /** Owners filtered by, a comma list of ids. */
  readonly owner = input<string>();
  /** The columns shown, name first (absent: the default ones). */
  readonly columns = input<string>();

  protected readonly lifecycles = LIFECYCLES;
  protected readonly sources = SOURCES;
  protected readonly primaryCompany = primaryCompany;
  protected readonly tagFilter = new FormControl('', { nonNullable: true });
  protected readonly lifecycleValue = computed<Lifecycle[]>(() =>
    (this.lifecycle() ?? '').split(',').filter((value): value is Lifecycle => (LIFECYCLES as readonly string[]).includes(value)),
  );
  protected readonly sourceValue = computed<Source | null>(() => {
    const source = this.source();
    return (SOURCES as readonly (string | undefined)[]).includes(source) ? (source as Source) : null;
  });
  /** Filters on custom fields (repeated). */
  readonly cf = input<string | string[]>();
  protected readonly cfList = computed(() => {
    const cf = this.cf();
    return cf === undefined ? [] : Array.isArray(cf) ? cf : [cf];
  }, { equal: (a, b) => a.join('\n') === b.join('\n') });

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly handset = toSignal(inject(BreakpointObserver).observe('(max-width: 599px)').pipe(map((state) => state.matches)), {
    initialValue: false,
  });

  protected readonly canCreate = computed(() => this.auth.ability().can('create', 'Contact'));
  protected readonly onlyMine = computed(() => this.mine() === '1');
  protected readonly access = listAccess<Contact>({
    subject: 'Contact',
    ability: this.auth.ability,
    userId: () => this.auth.user()?.id ?? null,
    owner: this.owner,
    mine: this.mine,
    rows: this.store.items,
  });
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
      ownerId: this.access.ownerFilter(),
      lifecycle: this.lifecycleValue(),
      source: this.sourceValue(),
      tag: this.tag()?.trim() || null,
      cf: this.cfList(),
    }),
    { equal: sameContactQuery },
  );

  protected readonly cols = listColumns<Contact>({
    standard: STANDARD_COLUMNS,
    defaults: DEFAULT_COLUMNS,
    limited: LIMITED_FIELDS,
    param: this.columns,
    fields: this.customFields.items,
    language: this.language.current,
    rows: this.store.items,
  });
  protected readonly displayedColumns = computed(() => {
    const select = this.access.canAssign() ? ['select'] : [];
    return [...select, 'name', ...(this.handset() ? ['lifecycle'] : this.cols.shown())];
  }, { equal: (a, b) => a.join() === b.join() });
  protected readonly errorText = this.notify.errorText(this.store.error);

  protected readonly trackById = (_index: number, contact: Contact): string => contact.id;

  /** The search text this page just put in the address; any other `q` came from outside (the top bar, back). */
  private pushedQ: string | null = null;

  constructor() {
    void this.customFields.load('contact');
    effect(() => {
      const ids = this.access.assignable();
      untracked(() => this.selection.setPage(ids));
    });
    effect(() => {
      const query = this.query();
      untracked(() => this.store.load(query));
    });
    effect(() => {
      const tag = this.tag() ?? '';
      untracked(() => this.tagFilter.setValue(tag, { emitEvent: false }));
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

  protected chooseLifecycle(change: MatSelectChange<Lifecycle[]>): void {
    this.navigate({ lifecycle: change.value.length > 0 ? change.value.join(',') : null });
  }

  protected chooseSource(change: MatSelectChange<Source | null>): void {
    this.navigate({ source: change.value });
  }

  protected applyTag(): void {
    const tag = this.tagFilter.value.trim();
    this.navigate({ tag: tag === '' ? null : tag });
  }

  protected filterByTag(tag: string, event: Event): void {
    event.stopPropagation();
    this.tagFilter.setValue(tag);
    this.navigate({ tag });
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

  protected chooseOwners(ids: string[]): void {
    this.navigate({ owner: ids.length > 0 ? ids.join(',') : null, mine: null });
  }

  protected chooseColumns(chosen: string[]): void {
    this.navigate({ columns: this.cols.paramOf(chosen) });
  }

  /** After a reassignment: the first page again, with the new owners. */
  protected reload(): void {
    this.store.load(this.store.query());
  }

  protected changeCf(cf: string[]): void {
    this.navigate({ cf: cf.length > 0 ? cf : null });
  }

  protected open(contact: Contact): void {
    void this.router.navigate([contact.id], { relativeTo: this.route });
  }

  private navigate(queryParams: Record<string, string | string[] | null>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
