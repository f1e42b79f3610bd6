import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe, CrmMoneyPipe, CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { LanguageService } from '@app/core/i18n/language.service';
import { ColumnChooser } from '@app/features/lists/columns/column-chooser';
import { listColumns } from '@app/features/lists/columns/list-columns';
import { listAccess } from '@app/features/lists/data-access/list-access';
import { ExportMenu } from '@app/features/exports/export-menu';
import { SelectionStore } from '@app/features/lists/data-access/selection.store';
import { SelectionBar } from '@app/features/lists/selection/selection-bar';
import { SavedViewsMenu } from '@app/shared/saved-views/saved-views-menu';
import { Notify } from '@app/shared/ui/notify.service';
import { DealFilterParams, dealFiltersOf } from '../data-access/deal-filters';
import { DealListStore, DealQuery, sameDealQuery } from '../data-access/deal-list.store';
import { DEAL_SORTS, DealListItem, DealSort, DealsApi, Pipeline } from '../data-access/deals-api';
import { labelOf } from '../data-access/labels';
import { closeOverdue } from '../ui/deal-board-card';
import { DealFiltersBar } from '../ui/deal-filters-bar';
import { DealsViewSwitch } from '../ui/deals-view-switch';

const STANDARD_COLUMNS = [
  { id: 'stage', label: 'deals.fields.stage' },
  { id: 'amount', label: 'deals.fields.amount' },
  { id: 'weightedAmount', label: 'deals.fields.weightedAmount' },
  { id: 'expectedCloseDate', label: 'deals.fields.expectedCloseDate' },
  { id: 'company', label: 'deals.fields.company' },
  { id: 'contact', label: 'deals.fields.contact' },
  { id: 'owner', label: 'deals.fields.owner' },
  { id: 'tags', label: 'deals.fields.tags' },
  { id: 'lastContactedAt', label: 'deals.fields.lastContactedAt' },
  { id: 'updatedAt', label: 'deals.fields.updatedAt' },
];
const DEFAULT_COLUMNS = ['stage', 'amount', 'expectedCloseDate', 'company', 'owner', 'updatedAt'];
const DEFAULT_SORT: DealSort = '-updatedAt';
const isDealSort = (value: unknown): value is DealSort => (DEAL_SORTS as readonly unknown[]).includes(value);

/**
 * The deals as a table (`/deals/list`): the board's filters, an order, pages of 25, columns to
 * choose, and rows to give to another responsible person.
 */
@Component({
  selector: 'crm-deal-list-page',
  imports: [
    RouterLink, TranslocoPipe, CrmDatePipe, CrmMoneyPipe, CrmNumberPipe, MatTableModule, MatSortModule, MatButtonModule, MatIconModule,
    MatProgressBarModule, MatCheckbox, ColumnChooser, SavedViewsMenu, SelectionBar, DealFiltersBar, DealsViewSwitch, ExportMenu,
  ],
  providers: [DealListStore, SelectionStore, provideTranslocoScope('deals', 'lists')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deal-list.page.html',
  styleUrl: './deal-list.page.scss',
})
export class DealListPage {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthStore);
  private readonly notify = inject(Notify);
  private readonly language = inject(LanguageService);
  private readonly api = inject(DealsApi);
  protected readonly store = inject(DealListStore);
  protected readonly selection = inject(SelectionStore);

  readonly q = input<string>();
  readonly owner = input<string>();
  readonly team = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly tag = input<string>();
  readonly sort = input<string>();
  readonly columns = input<string>();

  protected readonly pipelines = signal<Pipeline[]>([]);
  private readonly stages = computed(() => new Map(this.pipelines().flatMap((p) => p.stages.map((s) => [s.id, s] as const))));
  protected readonly params = computed<DealFilterParams>(() => ({ q: this.q(), owner: this.owner(), team: this.team(), from: this.from(), to: this.to(), tag: this.tag() }));
  protected readonly sortValue = computed<DealSort>(() => {
    const sort = this.sort();
    return isDealSort(sort) ? sort : DEFAULT_SORT;
  });
  protected readonly sortActive = computed(() => this.sortValue().replace(/^-/, ''));
  protected readonly sortDirection = computed(() => (this.sortValue().startsWith('-') ? 'desc' : 'asc'));
  protected readonly query = computed<DealQuery>(() => ({ ...dealFiltersOf(this.params()), sort: this.sortValue() }), { equal: sameDealQuery });
  protected readonly canCreate = computed(() => this.auth.ability().can('create', 'Deal'));
  protected readonly access = listAccess<DealListItem>({
    subject: 'Deal',
    ability: this.auth.ability,
    userId: () => this.auth.user()?.id ?? null,
    owner: this.owner,
    mine: () => undefined,
    rows: this.store.items,
  });
  protected readonly cols = listColumns<DealListItem>({
    standard: STANDARD_COLUMNS,
    defaults: DEFAULT_COLUMNS,
    limited: {},
    param: this.columns,
    fields: () => [],
    language: this.language.current,
    rows: this.store.items,
  });
  protected readonly displayedColumns = computed(() => [...(this.access.canAssign() ? ['select'] : []), 'title', ...this.cols.shown()], { equal: (a, b) => a.join() === b.join() });
  protected readonly errorText = this.notify.errorText(this.store.error);
  protected readonly overdue = closeOverdue;
  protected readonly trackById = (_index: number, deal: DealListItem): string => deal.id;

  constructor() {
    firstValueFrom(this.api.pipelines()).then((pipelines) => this.pipelines.set(pipelines), () => this.pipelines.set([]));
    effect(() => {
      const ids = this.access.assignable();
      untracked(() => this.selection.setPage(ids));
    });
    effect(() => {
      const query = this.query();
      untracked(() => this.store.load(query));
    });
  }

  protected stageLabel(deal: DealListItem): string {
    return labelOf(this.stages().get(deal.stageId), this.language.current());
  }

  protected changeFilters(params: DealFilterParams): void {
    this.navigate({ ...params });
  }

  protected changeSort(sort: Sort): void {
    const value = sort.direction === '' ? undefined : `${sort.direction === 'desc' ? '-' : ''}${sort.active}`;
    this.navigate({ sort: value === DEFAULT_SORT ? undefined : value });
  }

  protected chooseColumns(chosen: string[]): void {
    this.navigate({ columns: this.cols.paramOf(chosen) ?? undefined });
  }

  protected reload(): void {
    this.store.load(this.store.query());
  }

  protected open(deal: DealListItem): void {
    void this.router.navigate(['/deals', deal.id]);
  }

  private navigate(queryParams: Record<string, string | undefined>): void {
    const params = Object.fromEntries(Object.entries(queryParams).map(([key, value]) => [key, value === undefined || value === '' ? null : value]));
    void this.router.navigate([], { relativeTo: this.route, queryParams: params, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
