import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectChange, MatSelectModule } from '@angular/material/select';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { debounceTime, map } from 'rxjs';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe, CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { LanguageService } from '@app/core/i18n/language.service';
import { Lifecycle, LIFECYCLES } from '@app/features/contacts/data-access/contacts-api';
import { CustomFieldValue } from '@app/shared/custom-fields/custom-field-value';
import { CustomFieldsStore } from '@app/shared/custom-fields/custom-fields.store';
import { SavedViewsMenu } from '@app/shared/saved-views/saved-views-menu';
import { Notify } from '@app/shared/ui/notify.service';
import { ColumnChooser } from '../../lists/columns/column-chooser';
import { listColumns } from '../../lists/columns/list-columns';
import { listAccess } from '../../lists/data-access/list-access';
import { SelectionStore } from '../../lists/data-access/selection.store';
import { OwnerFilter } from '../../lists/owner-filter/owner-filter';
import { SelectionBar } from '../../lists/selection/selection-bar';
import { Company } from '../data-access/companies-api';
import { CompanyListStore, CompanyQuery } from '../data-access/company-list.store';

/** The optional columns, in the order the table and the chooser show them; labels are text keys. */
const STANDARD_COLUMNS = [
  { id: 'taxId', label: 'companies.fields.taxId' },
  { id: 'industry', label: 'companies.fields.industry' },
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
const DEFAULT_COLUMNS = ['taxId', 'industry', 'phone', 'lifecycle', 'owner'];
/** Columns whose field the role's field limits may leave out of every row. */
const LIMITED_FIELDS: Record<string, keyof Company> = {
  taxId: 'taxId', industry: 'industry', phone: 'phone', email: 'email', lifecycle: 'lifecycle', source: 'source', tags: 'tags', lastContactedAt: 'lastContactedAt',
};

/**
 * Companies the user may see; the address holds the search, the filters (`q`, `lifecycle`, `mine`
 * or `owner`) and the `columns` shown. Roles that may reassign pick rows and give them away.
 */
@Component({
  selector: 'crm-company-list-page',
  imports: [
    ReactiveFormsModule, RouterLink, TranslocoPipe, CrmDatePipe, CrmNumberPipe, MatTableModule, MatButtonModule, MatIconModule,
    MatFormFieldModule, MatInputModule, MatProgressBarModule, MatSelectModule, MatSlideToggleModule, MatCheckbox,
    CustomFieldValue, SavedViewsMenu, ColumnChooser, OwnerFilter, SelectionBar,
  ],
  providers: [CompanyListStore, CustomFieldsStore, SelectionStore, provideTranslocoScope('companies', 'contacts', 'lists')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './company-list.page.html',
  styleUrl: './company-list.page.scss',
})
export class CompanyListPage {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthStore);
  private readonly notify = inject(Notify);
  protected readonly store = inject(CompanyListStore);
  protected readonly customFields = inject(CustomFieldsStore);
  protected readonly selection = inject(SelectionStore);
  private readonly language = inject(LanguageService);

  readonly q = input<string>();
  readonly lifecycle = input<string>();
  readonly mine = input<string>();
  /** Owners filtered by, a comma list of ids. */
  readonly owner = input<string>();
  /** The columns shown, name first (absent: the default ones). */
  readonly columns = input<string>();

  protected readonly lifecycles = LIFECYCLES;
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly canCreate = computed(() => this.auth.ability().can('create', 'Company'));
  protected readonly onlyMine = computed(() => this.mine() === '1');
  protected readonly access = listAccess<Company>({
    subject: 'Company',
    ability: this.auth.ability,
    userId: () => this.auth.user()?.id ?? null,
    owner: this.owner,
    mine: this.mine,
    rows: this.store.items,
  });
  protected readonly cols = listColumns<Company>({
    standard: STANDARD_COLUMNS,
    defaults: DEFAULT_COLUMNS,
    limited: LIMITED_FIELDS,
    param: this.columns,
    fields: this.customFields.items,
    language: this.language.current,
    rows: this.store.items,
  });
  protected readonly lifecycleValue = computed<Lifecycle[]>(() =>
    (this.lifecycle() ?? '').split(',').filter((value): value is Lifecycle => (LIFECYCLES as readonly string[]).includes(value)),
  );
  private readonly query = computed<CompanyQuery>(
    () => ({
      q: (this.q() ?? '').trim(),
      sort: 'name',
      ownerId: this.access.ownerFilter(),
      lifecycle: this.lifecycleValue(),
    }),
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  protected readonly displayedColumns = computed(() => [...(this.access.canAssign() ? ['select'] : []), 'name', ...this.cols.shown()], {
    equal: (a, b) => a.join() === b.join(),
  });
  protected readonly errorText = this.notify.errorText(this.store.error);

  constructor() {
    void this.customFields.load('company');
    effect(() => {
      const ids = this.access.assignable();
      untracked(() => this.selection.setPage(ids));
    });
    effect(() => {
      const query = this.query();
      untracked(() => this.store.load(query));
    });
    effect(() => {
      const q = this.q() ?? '';
      untracked(() => {
        if (q !== this.search.value.trim()) {
          this.search.setValue(q, { emitEvent: false });
        }
      });
    });
    this.search.valueChanges
      .pipe(map((value) => value.trim()), debounceTime(300), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((q) => this.navigate({ q: q === '' ? null : q }));
  }

  protected chooseLifecycle(change: MatSelectChange<Lifecycle[]>): void {
    this.navigate({ lifecycle: change.value.length > 0 ? change.value.join(',') : null });
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

  protected open(company: Company): void {
    void this.router.navigate([company.id], { relativeTo: this.route });
  }

  private navigate(queryParams: Record<string, string | null>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
