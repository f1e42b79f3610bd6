import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { subject } from '@casl/ability';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { problemCode } from '@app/core/api/problem';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmMoneyPipe, CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { LanguageService } from '@app/core/i18n/language.service';
import { Notify } from '@app/shared/ui/notify.service';
import { BoardStore, LostDetails } from '../data-access/board.store';
import { DealFilterParams, dealFiltersOf, sameFilters } from '../data-access/deal-filters';
import type { DealListItem, Labelled, Stage } from '../data-access/deals-api';
import { labelOf } from '../data-access/labels';
import { DealBoardCard } from '../ui/deal-board-card';
import { DealFiltersBar } from '../ui/deal-filters-bar';
import { DealsViewSwitch } from '../ui/deals-view-switch';
import { LostReasonDialog, LostReasonDialogData } from '../ui/lost-reason-dialog';
import { PipelineChart } from '../ui/pipeline-chart';

/**
 * The board of one pipeline (`/deals`): a column per stage with its count and totals per currency,
 * deal cards to drag between columns (or move through their "Move to…" menu), filters in the
 * address, and the weighted pipeline chart.
 */
@Component({
  selector: 'crm-deals-board-page',
  imports: [
    RouterLink, TranslocoPipe, CrmMoneyPipe, CrmNumberPipe, CdkDropListGroup, CdkDropList, CdkDrag, MatButtonModule, MatIconModule,
    MatFormFieldModule, MatSelectModule, MatProgressBarModule, DealBoardCard, DealFiltersBar, DealsViewSwitch, PipelineChart,
  ],
  providers: [BoardStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deals-board.page.html',
  styleUrl: './deals-board.page.scss',
})
export class DealsBoardPage {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(Notify);
  private readonly language = inject(LanguageService);
  protected readonly store = inject(BoardStore);

  /** Query parameters of the address. */
  readonly pipeline = input<string>();
  readonly q = input<string>();
  readonly owner = input<string>();
  readonly team = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly tag = input<string>();

  protected readonly params = computed<DealFilterParams>(() => ({ q: this.q(), owner: this.owner(), team: this.team(), from: this.from(), to: this.to(), tag: this.tag() }));
  private readonly filters = computed(() => dealFiltersOf(this.params()), { equal: sameFilters });
  protected readonly canCreate = computed(() => this.auth.ability().can('create', 'Deal'));
  protected readonly errorText = this.notify.errorText(this.store.error);
  protected readonly columns = computed(() => {
    const byStage = new Map(this.store.columns().map((column) => [column.stageId, column]));
    return this.store.stages().flatMap((stage) => {
      const column = byStage.get(stage.id);
      return column === undefined ? [] : [{ stage, column }];
    });
  });
  private opened = false;

  constructor() {
    effect(() => {
      const [pipelineId, filters] = [this.pipeline() ?? null, this.filters()];
      untracked(() => {
        if (!this.opened) {
          this.opened = true;
          void this.store.open(pipelineId, filters);
        } else if (pipelineId !== this.store.pipelineId() || !sameFilters(filters, this.store.filters())) {
          void this.store.show(pipelineId, filters);
        }
      });
    });
  }

  protected label(item: Labelled | null): string {
    return labelOf(item, this.language.current());
  }

  protected canMove(deal: DealListItem): boolean {
    return this.auth.ability().can('update', subject('Deal', { ...deal }));
  }

  protected choosePipeline(pipelineId: string): void {
    this.navigate({ pipeline: pipelineId });
  }

  protected changeFilters(params: DealFilterParams): void {
    this.navigate({ ...params });
  }

  protected async dropped(event: CdkDragDrop<string, string, DealListItem>): Promise<void> {
    if (event.previousContainer === event.container) {
      return;
    }
    await this.moveDeal(event.item.data, event.container.data, event.currentIndex);
  }

  /** The keyboard's way: "Move to…" puts the deal on top of the chosen column. */
  protected async moveTo(deal: DealListItem, stage: Stage): Promise<void> {
    await this.moveDeal(deal, stage.id, 0);
  }

  private async moveDeal(deal: DealListItem, stageId: string, index: number): Promise<void> {
    const stage = this.store.stages().find((s) => s.id === stageId);
    if (stage === undefined) {
      return;
    }
    let lost: LostDetails | undefined;
    if (stage.kind === 'lost') {
      const data: LostReasonDialogData = { dealTitle: deal.title, reasons: this.store.activeLostReasons() };
      lost = await firstValueFrom(this.dialog.open<LostReasonDialog, LostReasonDialogData, LostDetails>(LostReasonDialog, { data, autoFocus: 'first-tabbable' }).afterClosed());
      if (!lost?.lostReasonId) {
        return;
      }
    }
    const result = await this.store.move(deal.id, stageId, index, lost);
    if (result.outcome === 'rolledBack') {
      const from = this.label(this.store.stages().find((s) => s.id === deal.stageId) ?? null);
      if (problemCode(result.error) === 'version-mismatch') {
        this.notify.alert('deals.board.staleReloaded', { title: deal.title });
      } else {
        this.notify.alert('deals.board.movedBack', { title: deal.title, stage: from, reason: this.notify.describe(result.error) });
      }
    } else if (result.outcome === 'moved') {
      this.notify.success('deals.board.moved', { title: deal.title, stage: this.label(stage) });
    }
  }

  protected loadMore(stageId: string): void {
    this.store.loadMore(stageId).catch((error: unknown) => this.notify.error(error));
  }

  protected retry(): void {
    void this.store.open(this.pipeline() ?? null, this.filters());
  }

  private navigate(queryParams: Record<string, string | undefined>): void {
    const params = Object.fromEntries(Object.entries(queryParams).map(([key, value]) => [key, value === undefined || value === '' ? null : value]));
    void this.router.navigate([], { relativeTo: this.route, queryParams: params, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
