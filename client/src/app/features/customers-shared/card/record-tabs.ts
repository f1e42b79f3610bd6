import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { AttachmentsPanel } from '../attachments-panel/attachments-panel';
import type { RecordEntity } from '../data-access/activities-api';
import { RecordHistory } from '../history/record-history';
import { RecordTimeline } from '../timeline/record-timeline';
import type { CardRecord } from './card-record';
import { CardTabs } from './card-tabs';

/**
 * The tabs of a contact or company card: Timeline (first), Details (what the page projects: its
 * facts and form), History and Files. The selected tab is kept in the address (`?tab=`).
 */
@Component({
  selector: 'crm-record-tabs',
  imports: [TranslocoPipe, MatTabsModule, RecordTimeline, RecordHistory, AttachmentsPanel],
  providers: [CardTabs, provideTranslocoScope('activities')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-tab-group mat-stretch-tabs="false" animationDuration="0ms" [selectedIndex]="tabs.index()" (selectedIndexChange)="tabs.select($event)">
      <mat-tab [label]="'activities.tabs.timeline' | transloco">
        <ng-template matTabContent><crm-record-timeline [entity]="entity()" [recordId]="record().id" [record]="record()" /></ng-template>
      </mat-tab>
      <mat-tab [label]="'activities.tabs.details' | transloco">
        <ng-content />
      </mat-tab>
      <mat-tab [label]="'activities.tabs.history' | transloco">
        <ng-template matTabContent><crm-record-history [entity]="entity()" [record]="record()" /></ng-template>
      </mat-tab>
      <mat-tab [label]="'activities.tabs.attachments' | transloco">
        <ng-template matTabContent><crm-attachments [entity]="entity()" [recordId]="record().id" [canEdit]="canEdit()" /></ng-template>
      </mat-tab>
      @if (extraTab(); as label) {
        <mat-tab [label]="label | transloco">
          <ng-content select="[crmExtraTab]" />
        </mat-tab>
      }
    </mat-tab-group>
  `,
})
export class RecordTabs {
  protected readonly tabs = inject(CardTabs);

  readonly entity = input.required<RecordEntity>();
  readonly record = input.required<CardRecord>();
  /** Whether files may be added and removed (update on the record). */
  readonly canEdit = input(false);
  /** The text key of a last tab of this kind of record, whose content the page projects with `crmExtraTab`. */
  readonly extraTab = input<string | null>(null);
}
