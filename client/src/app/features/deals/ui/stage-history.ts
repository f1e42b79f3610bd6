import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import { LanguageService } from '@app/core/i18n/language.service';
import { Notify } from '@app/shared/ui/notify.service';
import { DealsApi, Pipeline, StageVisit } from '../data-access/deals-api';
import { labelOf } from '../data-access/labels';

/** "3 d 4 h", "2 h 5 min", "40 min": time in a stage in the largest two units. */
export function durationParts(seconds: number): { days: number; hours: number; minutes: number } {
  const whole = Math.max(0, Math.floor(seconds));
  return { days: Math.floor(whole / 86_400), hours: Math.floor((whole % 86_400) / 3_600), minutes: Math.floor((whole % 3_600) / 60) };
}

/** Each stage the deal was in, oldest first: entered and left when and by whom, and the time spent there. */
@Component({
  selector: 'crm-stage-history',
  imports: [TranslocoPipe, CrmDatePipe, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    @if (error()) {
      <p role="alert">{{ error() }}</p>
    }
    <table class="history" data-testid="stage-history">
      <caption class="cdk-visually-hidden">{{ 'deals.stageHistory.title' | transloco }}</caption>
      <thead>
        <tr>
          <th scope="col">{{ 'deals.fields.stage' | transloco }}</th>
          <th scope="col">{{ 'deals.stageHistory.entered' | transloco }}</th>
          <th scope="col">{{ 'deals.stageHistory.left' | transloco }}</th>
          <th scope="col">{{ 'deals.stageHistory.time' | transloco }}</th>
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track $index) {
          <tr data-testid="stage-visit">
            <th scope="row">{{ row.stage }}</th>
            <td>{{ row.visit.enteredAt | crmDate }} @if (row.visit.enteredByName) { <span class="by">· {{ row.visit.enteredByName }}</span> }</td>
            <td>
              @if (row.visit.leftAt) {
                {{ row.visit.leftAt | crmDate }} @if (row.visit.leftByName) { <span class="by">· {{ row.visit.leftByName }}</span> }
              } @else {
                <span class="now">{{ 'deals.stageHistory.current' | transloco }}</span>
              }
            </td>
            <td>{{ 'deals.stageHistory.duration' | transloco: row.duration }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .history { width: 100%; border-collapse: collapse; margin-top: 8px; }
    th, td { text-align: start; padding: 8px; border-bottom: 1px solid var(--mat-sys-outline-variant); font: var(--mat-sys-body-medium); }
    thead th { font: var(--mat-sys-title-small); }
    .by { color: var(--mat-sys-on-surface-variant); }
    .now { font-weight: 600; }
  `,
})
export class StageHistory {
  private readonly api = inject(DealsApi);
  private readonly notify = inject(Notify);
  private readonly language = inject(LanguageService);

  readonly dealId = input.required<string>();
  /** Changes with each saved version of the deal: the history is read again. */
  readonly version = input.required<number>();
  readonly pipelines = input.required<Pipeline[]>();

  private readonly visits = signal<StageVisit[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal('');
  protected readonly rows = computed(() => {
    const stages = new Map(this.pipelines().flatMap((p) => p.stages.map((s) => [s.id, s] as const)));
    const lang = this.language.current();
    return this.visits().map((visit) => ({ visit, stage: labelOf(stages.get(visit.stageId), lang) || '—', duration: durationParts(visit.seconds) }));
  });

  constructor() {
    effect(() => {
      const [id] = [this.dealId(), this.version()];
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    try {
      this.visits.set(await firstValueFrom(this.api.stageHistory(id)));
      this.error.set('');
    } catch (error) {
      this.error.set(this.notify.describe(error));
    } finally {
      this.loading.set(false);
    }
  }
}
