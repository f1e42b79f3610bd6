import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import { LanguageService } from '@app/core/i18n/language.service';
import { CustomFieldsStore } from '@app/shared/custom-fields/custom-fields.store';
import { Notify } from '@app/shared/ui/notify.service';
import type { CardRecord } from '../card/card-record';
import { CHANGE_NAMES, changeContext } from '../changes/change-context';
import { ChangeContext, ShownChange, shownChanges } from '../changes/change-fields';
import { ShownText } from '../changes/shown-text';
import type { HistoryEvent, RecordEntity } from '../data-access/activities-api';
import { RecordHistoryStore } from '../data-access/record-history.store';

const ACTIONS: Record<string, { label: string; icon: string }> = {
  insert: { label: 'activities.history.created', icon: 'add_circle' },
  update: { label: 'activities.history.changed', icon: 'edit' },
  delete: { label: 'activities.history.deleted', icon: 'delete' },
};

/** The audit trail's table of each kind of record. */
const HISTORY_TABLES: Record<RecordEntity, string> = { contact: 'contacts', company: 'companies', deal: 'deals' };

export interface HistoryEntry {
  id: string;
  occurredAt: string;
  /** Who made the change: their name when known, else their login. */
  actor: string;
  label: string;
  icon: string;
  showOld: boolean;
  showNew: boolean;
  changes: ShownChange[];
}

/**
 * Turns audit events into what a person reads: the fields they know (the same names as the
 * timeline), with the values before and after. Fields the role may not read on the record are
 * left out here too.
 */
export function toHistoryEntries(entity: RecordEntity, events: HistoryEvent[], context: ChangeContext): HistoryEntry[] {
  const table = HISTORY_TABLES[entity];
  return events.map((event) => {
    const action = ACTIONS[event.action] ?? ACTIONS['update'];
    return {
      id: event.id,
      occurredAt: event.occurredAt,
      actor: (event.actorId !== null ? context.userNames[event.actorId] : undefined) ?? event.actorLogin,
      label: action.label,
      icon: action.icon,
      showOld: event.action !== 'insert',
      showNew: event.action !== 'delete',
      changes: shownChanges(table, event.action, event.changes, context),
    };
  });
}

/** The change history of a contact or company: who changed which field, from what to what, and when. Newest first. */
@Component({
  selector: 'crm-record-history',
  imports: [TranslocoPipe, CrmDatePipe, ShownText, MatButtonModule, MatIconModule, MatProgressBarModule],
  providers: [RecordHistoryStore, provideTranslocoScope('activities', 'contacts')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './record-history.html',
  styleUrl: './record-history.scss',
})
export class RecordHistory {
  private readonly auth = inject(AuthStore);
  private readonly notify = inject(Notify);
  private readonly language = inject(LanguageService);
  private readonly customFields = inject(CustomFieldsStore, { optional: true });
  private readonly names = inject(CHANGE_NAMES, { optional: true });
  protected readonly store = inject(RecordHistoryStore);

  readonly entity = input.required<RecordEntity>();
  readonly record = input.required<CardRecord>();

  protected readonly entries = computed(() =>
    toHistoryEntries(this.entity(), this.store.items(), changeContext(this.record(), this.store.userNames(), this.auth.user(), this.customFields?.items() ?? [], this.language.current(), this.names?.() ?? {})),
  );
  protected readonly errorText = this.notify.errorText(this.store.error);
  /** Reloads when the record is saved: its version changes. */
  private readonly revision = computed(() => `${this.entity()}|${this.record().id}|${this.record().version}`);

  constructor() {
    effect(() => {
      this.revision();
      untracked(() => this.store.load(this.entity(), this.record().id));
    });
  }
}
