import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { CrmDatePipe, CrmMoneyPipe } from '@app/core/i18n/format.pipes';
import { LanguageService } from '@app/core/i18n/language.service';
import type { DealListItem, Stage } from '../data-access/deals-api';
import { labelOf } from '../data-access/labels';

const DAY_MS = 86_400_000;

/** Whole days from a moment until now (0 on the same day). */
export const daysSince = (at: string, now = Date.now()): number => Math.max(0, Math.floor((now - new Date(at).getTime()) / DAY_MS));

/** Whether an open deal's expected close date (a local `YYYY-MM-DD`) is before today. */
export function closeOverdue(deal: Pick<DealListItem, 'expectedCloseDate' | 'status'>, today = new Date()): boolean {
  if (deal.expectedCloseDate === null || deal.status !== 'open') {
    return false;
  }
  const local = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return deal.expectedCloseDate < local;
}

/**
 * A deal on the board: title, customer, amount, responsible person, expected close (red once
 * past) and days in its stage. "Move to…" moves it without a mouse.
 */
@Component({
  selector: 'crm-deal-board-card',
  imports: [RouterLink, TranslocoPipe, CrmDatePipe, CrmMoneyPipe, MatButtonModule, MatIconModule, MatMenuModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let item = deal();
    <article class="card" [class.moving]="moving()" [attr.aria-busy]="moving()" data-testid="deal-card" [attr.data-deal-id]="item.id">
      <div class="top">
        <a class="title" [routerLink]="['/deals', item.id]">{{ item.title }}</a>
        @if (canMove()) {
          <button mat-icon-button type="button" class="menu" [matMenuTriggerFor]="moveMenu" [disabled]="moving()"
            [attr.aria-label]="'deals.board.moveTitle' | transloco: { title: item.title }" data-testid="deal-move-menu">
            <mat-icon>more_vert</mat-icon>
          </button>
          <mat-menu #moveMenu="matMenu">
            <span class="menu-head" mat-menu-item disabled>{{ 'deals.board.moveTo' | transloco }}</span>
            @for (stage of stages(); track stage.id) {
              @if (stage.id !== item.stageId) {
                <button mat-menu-item type="button" (click)="moveTo.emit(stage)">{{ label(stage) }}</button>
              }
            }
          </mat-menu>
        }
      </div>
      @if (item.companyName || item.contactName) {
        <p class="customer">{{ item.companyName ?? '' }}{{ item.companyName && item.contactName ? ' · ' : '' }}{{ item.contactName ?? '' }}</p>
      }
      @if (item.amount !== null) {
        <p class="amount">{{ item.amount | crmMoney: item.currency }}</p>
      }
      <dl class="facts">
        <div><dt class="cdk-visually-hidden">{{ 'deals.fields.owner' | transloco }}</dt><dd><mat-icon aria-hidden="true">person</mat-icon>{{ item.ownerName }}</dd></div>
        @if (item.expectedCloseDate) {
          <div [class.overdue]="overdue()" data-testid="deal-close" [attr.data-overdue]="overdue()">
            <dt class="cdk-visually-hidden">{{ 'deals.fields.expectedCloseDate' | transloco }}</dt>
            <dd><mat-icon aria-hidden="true">{{ overdue() ? 'event_busy' : 'event' }}</mat-icon>{{ item.expectedCloseDate | crmDate: 'date' }}
              @if (overdue()) { <span class="cdk-visually-hidden">{{ 'deals.board.closeOverdue' | transloco }}</span> }
            </dd>
          </div>
        }
        <div><dt class="cdk-visually-hidden">{{ 'deals.board.daysInStageLabel' | transloco }}</dt><dd><mat-icon aria-hidden="true">hourglass_bottom</mat-icon>{{ 'deals.board.daysInStage' | transloco: { days: days() } }}</dd></div>
      </dl>
    </article>
  `,
  styles: `
    :host { display: block; }
    .card {
      background: var(--mat-sys-surface-container-lowest);
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      padding: 8px 8px 8px 12px;
      cursor: grab;
    }
    .card.moving { opacity: 0.7; }
    .top { display: flex; align-items: flex-start; gap: 4px; }
    .title { flex: 1; font: var(--mat-sys-title-small); color: var(--mat-sys-on-surface); text-decoration: none; padding-top: 8px; overflow-wrap: anywhere; }
    .title:hover, .title:focus-visible { text-decoration: underline; }
    .customer { margin: 2px 0; color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .amount { margin: 4px 0; font: var(--mat-sys-title-small); }
    .facts { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 4px 0 0; font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .facts dd { margin: 0; display: inline-flex; align-items: center; gap: 2px; }
    .facts mat-icon { font-size: 16px; width: 16px; height: 16px; }
    .overdue dd { color: var(--mat-sys-error); font-weight: 600; }
  `,
})
export class DealBoardCard {
  private readonly language = inject(LanguageService);

  readonly deal = input.required<DealListItem>();
  readonly stages = input.required<Stage[]>();
  readonly canMove = input(false);
  readonly moving = input(false);
  readonly moveTo = output<Stage>();

  protected readonly overdue = computed(() => closeOverdue(this.deal()));
  protected readonly days = computed(() => daysSince(this.deal().stageEnteredAt));
  protected label(stage: Stage): string {
    return labelOf(stage, this.language.current());
  }
}
