import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '@app/core/i18n/language.service';
import type { DealStatus, Stage } from '../data-access/deals-api';
import { labelOf } from '../data-access/labels';

/**
 * The stages of a deal's pipeline in order, the current one highlighted: a click moves the deal
 * there. A won or lost deal shows as closed, with "Reopen".
 */
@Component({
  selector: 'crm-stage-bar',
  imports: [TranslocoPipe, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="bar" [attr.aria-label]="'deals.stageBar.label' | transloco" data-testid="stage-bar">
      <ol class="stages">
        @for (stage of stages(); track stage.id; let i = $index) {
          <li>
            <button type="button" class="stage" [attr.data-kind]="stage.kind" [class.current]="stage.id === stageId()" [class.passed]="i < currentIndex()"
              [attr.aria-current]="stage.id === stageId() ? 'step' : null" [disabled]="disabled() || stage.id === stageId()"
              (click)="move.emit(stage)" data-testid="stage-step">
              {{ label(stage) }}
              <span class="probability">{{ stage.probability }}%</span>
            </button>
          </li>
        }
      </ol>
      @if (status() !== 'open') {
        <p class="closed" [attr.data-status]="status()" data-testid="stage-closed">
          <mat-icon aria-hidden="true">{{ status() === 'won' ? 'emoji_events' : 'block' }}</mat-icon>
          {{ 'deals.stageBar.closed.' + status() | transloco }}
          @if (!disabled() && reopenStage()) {
            <button mat-stroked-button type="button" (click)="reopen.emit(reopenStage()!)" data-testid="stage-reopen">
              <mat-icon>undo</mat-icon>{{ 'deals.stageBar.reopen' | transloco }}
            </button>
          }
        </p>
      }
    </nav>
  `,
  styles: `
    .bar { margin: 8px 0 16px; }
    .stages { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; }
    .stage {
      display: inline-flex; align-items: center; gap: 6px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface);
      border-radius: var(--mat-sys-corner-full);
      padding: 6px 14px;
      font: var(--mat-sys-label-large);
      cursor: pointer;
    }
    .stage:disabled { cursor: default; }
    .stage.passed { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .stage.current { background: var(--mat-sys-primary); color: var(--mat-sys-on-primary); border-color: var(--mat-sys-primary); }
    .stage.current[data-kind='lost'] { background: var(--mat-sys-error); color: var(--mat-sys-on-error); border-color: var(--mat-sys-error); }
    .stage:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: 2px; }
    .probability { font: var(--mat-sys-label-small); opacity: 0.85; }
    .closed { display: flex; align-items: center; flex-wrap: wrap; gap: 8px; margin: 8px 0 0; font: var(--mat-sys-title-small); }
    .closed[data-status='lost'] mat-icon { color: var(--mat-sys-error); }
    .closed[data-status='won'] mat-icon { color: var(--mat-sys-tertiary); }
  `,
})
export class StageBar {
  private readonly language = inject(LanguageService);

  readonly stages = input.required<Stage[]>();
  readonly stageId = input.required<string>();
  readonly status = input.required<DealStatus>();
  /** Without update rights the bar only shows where the deal is. */
  readonly disabled = input(false);
  readonly move = output<Stage>();
  /** "Reopen": to the pipeline's last open stage. */
  readonly reopen = output<Stage>();

  protected readonly currentIndex = computed(() => this.stages().findIndex((stage) => stage.id === this.stageId()));
  protected readonly reopenStage = computed(() => [...this.stages()].reverse().find((stage) => stage.kind === 'open') ?? null);

  protected label(stage: Stage): string {
    return labelOf(stage, this.language.current());
  }
}
