import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { LanguageService } from '@app/core/i18n/language.service';
import { BarChart, BarDatum } from '@app/shared/ui/charts/bar-chart';
import type { DealFilters, Stage, Summary, SummaryGroup } from '../data-access/deals-api';
import { DealsApi } from '../data-access/deals-api';
import { labelOf } from '../data-access/labels';

const GROUPS: readonly SummaryGroup[] = ['stage', 'owner', 'month'];

/** One chart per currency of the rows, bars in the order the server gives them (stages in pipeline order). */
export function chartsOf(summary: Summary, label: (key: string, fallback: string) => string): { currency: string; data: BarDatum[] }[] {
  const currencies = [...new Set(summary.rows.flatMap((row) => row.totals.map((total) => total.currency)))].sort();
  return currencies.map((currency) => ({
    currency,
    data: summary.rows.map((row) => ({ label: label(row.key ?? '', row.label ?? '—'), value: row.totals.find((t) => t.currency === currency)?.weightedAmount ?? 0 })),
  }));
}

/**
 * The weighted value of the open deals (amount × probability) by stage, responsible person or month
 * of expected close, under the board's filters.
 */
@Component({
  selector: 'crm-pipeline-chart',
  imports: [TranslocoPipe, MatButtonToggleModule, BarChart],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="chart-card" aria-labelledby="pipeline-chart-title" data-testid="pipeline-chart">
      <header class="chart-head">
        <h2 id="pipeline-chart-title">{{ 'deals.chart.title' | transloco }}</h2>
        <mat-button-toggle-group [value]="groupBy()" (change)="groupBy.set($event.value)" [attr.aria-label]="'deals.chart.groupBy' | transloco" hideSingleSelectionIndicator>
          @for (group of groups; track group) {
            <mat-button-toggle [value]="group">{{ 'deals.chart.by.' + group | transloco }}</mat-button-toggle>
          }
        </mat-button-toggle-group>
      </header>
      @for (chart of charts(); track chart.currency) {
        @if (charts().length > 1) {
          <h3 class="currency">{{ chart.currency }}</h3>
        }
        <crm-bar-chart [data]="chart.data" [currency]="chart.currency" [caption]="caption(chart.currency)" />
      } @empty {
        <p class="none">{{ 'deals.chart.empty' | transloco }}</p>
      }
    </section>
  `,
  styles: `
    .chart-card { margin-top: 16px; padding: 16px; border: 1px solid var(--mat-sys-outline-variant); border-radius: var(--mat-sys-corner-medium); }
    .chart-head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin-bottom: 8px; }
    h2 { margin: 0; font: var(--mat-sys-title-medium); flex: 1; }
    .currency { margin: 8px 0 4px; font: var(--mat-sys-title-small); }
    .none { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class PipelineChart {
  private readonly api = inject(DealsApi);
  private readonly language = inject(LanguageService);
  private readonly transloco = inject(TranslocoService);

  readonly pipelineId = input.required<string>();
  readonly filters = input.required<DealFilters>();
  readonly stages = input.required<Stage[]>();
  /** Anything that changes with the board (its columns): the chart is read again. */
  readonly revision = input<unknown>();

  protected readonly groups = GROUPS;
  protected readonly groupBy = signal<SummaryGroup>('stage');
  private readonly summary = signal<Summary | null>(null);
  private request = 0;

  protected readonly charts = computed(() => {
    const summary = this.summary();
    if (summary === null) {
      return [];
    }
    const [stages, lang] = [this.stages(), this.language.current()];
    return chartsOf(summary, (key, fallback) => {
      if (summary.groupBy === 'stage') {
        const stage = stages.find((s) => s.id === key);
        return stage === undefined ? fallback : labelOf(stage, lang);
      }
      if (summary.groupBy === 'month' && /^\d{4}-\d{2}$/.test(key)) {
        return new Intl.DateTimeFormat(this.language.intlLocale(), { year: 'numeric', month: 'long' }).format(new Date(`${key}-01T00:00:00`));
      }
      return fallback;
    });
  });

  constructor() {
    effect(() => {
      const [pipelineId, filters, groupBy] = [this.pipelineId(), this.filters(), this.groupBy()];
      this.revision();
      untracked(() => void this.load(pipelineId, filters, groupBy));
    });
  }

  protected caption(currency: string): string {
    return this.transloco.translate('deals.chart.caption', { by: this.transloco.translate(`deals.chart.by.${this.groupBy()}`), currency });
  }

  private async load(pipelineId: string, filters: DealFilters, groupBy: SummaryGroup): Promise<void> {
    const request = ++this.request;
    try {
      const summary = await firstValueFrom(this.api.summary(groupBy, { ...filters, pipelineId }));
      if (request === this.request) {
        this.summary.set(summary);
      }
    } catch {
      // The chart is an extra beside the board; without its numbers it shows none.
      if (request === this.request) {
        this.summary.set(null);
      }
    }
  }
}
