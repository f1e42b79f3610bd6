import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import { LanguageService } from '@app/core/i18n/language.service';
import { OpenTasks } from '@app/features/tasks/open-tasks/open-tasks';
import { CustomFieldsStore } from '@app/shared/custom-fields/custom-fields.store';
import { Notify } from '@app/shared/ui/notify.service';
import type { CardRecord } from '../card/card-record';
import { CHANGE_NAMES, changeContext } from '../changes/change-context';
import { ShownText } from '../changes/shown-text';
import { RecordEntity, TIMELINE_TYPES, TimelineType } from '../data-access/activities-api';
import { RecordEvents } from '../data-access/record-events';
import { RecordTimelineStore } from '../data-access/record-timeline.store';
import { CrmRelativePipe } from '../ui/relative-time.pipe';
import { KIND_ICONS, toActivityView, toChangeView } from './timeline-entries';

/** What happened with a contact or company: calls, e-mails, meetings, notes and every change, newest first. */
@Component({
  selector: 'crm-record-timeline',
  imports: [TranslocoPipe, CrmDatePipe, CrmRelativePipe, ShownText, OpenTasks, MatButtonModule, MatChipsModule, MatIconModule, MatProgressBarModule],
  providers: [RecordTimelineStore, provideTranslocoScope('activities', 'contacts')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './record-timeline.html',
  styleUrl: './record-timeline.scss',
})
export class RecordTimeline {
  private readonly notify = inject(Notify);
  private readonly events = inject(RecordEvents);
  private readonly auth = inject(AuthStore);
  private readonly language = inject(LanguageService);
  private readonly customFields = inject(CustomFieldsStore, { optional: true });
  private readonly names = inject(CHANGE_NAMES, { optional: true });
  protected readonly store = inject(RecordTimelineStore);

  readonly entity = input.required<RecordEntity>();
  readonly recordId = input.required<string>();
  /** The record as the role reads it: changes of fields it may not read are left out. */
  readonly record = input<CardRecord>();

  protected readonly types = TIMELINE_TYPES;
  protected readonly typeIcons: Record<TimelineType, string> = { ...KIND_ICONS, change: 'history' };
  protected readonly entries = computed(() => {
    const context = changeContext(this.record(), this.store.userNames(), this.auth.user(), this.customFields?.items() ?? [], this.language.current(), this.names?.() ?? {});
    return this.store.items().map((item) => ({
      item,
      activity: item.activity ? toActivityView(item.activity) : null,
      change: item.change ? toChangeView(item.change, context) : null,
    }));
  });
  protected readonly errorText = this.notify.errorText(this.store.error);

  constructor() {
    // Loads the record's timeline, and again when something was added to the record from the card.
    effect(() => {
      const entity = this.entity();
      const id = this.recordId();
      this.events.revision(entity, id);
      untracked(() => this.store.load(entity, id));
    });
  }

  protected filter(event: MatChipListboxChange): void {
    this.store.setTypes(event.value as TimelineType[]);
  }
}
