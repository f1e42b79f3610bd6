import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import { Notify } from '@app/shared/ui/notify.service';
import type { CardRecord } from '../card/card-record';
import type { HistoryEvent, RecordEntity } from '../data-access/activities-api';
import { RecordHistoryStore } from '../data-access/record-history.store';

interface FieldLabel {
  label: string;
  /** The response field that holds this column: a role that may not read it does not see its changes either. */
  readableAs?: string;
}

/** Columns shared by the contacts and companies tables as the audit trail names them, with the label of each. */
const COMMON_FIELDS: Record<string, FieldLabel> = {
  name: { label: 'activities.fields.name', readableAs: 'name' },
  phone: { label: 'activities.fields.phone', readableAs: 'phone' },
  email: { label: 'activities.fields.email', readableAs: 'email' },
  owner_id: { label: 'activities.fields.owner' },
  lifecycle: { label: 'activities.fields.lifecycle', readableAs: 'lifecycle' },
  source: { label: 'activities.fields.source', readableAs: 'source' },
  tags: { label: 'activities.fields.tags', readableAs: 'tags' },
  next_step: { label: 'activities.fields.nextStep', readableAs: 'nextStep' },
  next_step_at: { label: 'activities.fields.nextStepAt', readableAs: 'nextStepAt' },
  custom: { label: 'activities.fields.custom', readableAs: 'custom' },
};

const FIELDS: Record<RecordEntity, Record<string, FieldLabel>> = {
  contact: COMMON_FIELDS,
  company: {
    ...COMMON_FIELDS,
    legal_form: { label: 'activities.fields.legalForm', readableAs: 'legalForm' },
    tax_id: { label: 'activities.fields.taxId', readableAs: 'taxId' },
    industry: { label: 'activities.fields.industry', readableAs: 'industry' },
    size: { label: 'activities.fields.employees', readableAs: 'size' },
    website: { label: 'activities.fields.website', readableAs: 'website' },
  },
};

/** Columns that hold a moment: shown in the interface language, not as stored. */
const DATE_FIELDS = new Set(['next_step_at']);

const ACTIONS: Record<string, { label: string; icon: string }> = {
  insert: { label: 'activities.history.created', icon: 'add_circle' },
  update: { label: 'activities.history.changed', icon: 'edit' },
  delete: { label: 'activities.history.deleted', icon: 'delete' },
};

export interface HistoryChange {
  field: string;
  label: string;
  old: string | null;
  new: string | null;
  isDate: boolean;
}

export interface HistoryEntry {
  id: string;
  occurredAt: string;
  actor: string;
  label: string;
  icon: string;
  showOld: boolean;
  showNew: boolean;
  changes: HistoryChange[];
}

/**
 * Turns audit events into what a person reads: the fields they know, with the values before and
 * after. Fields the role may not read on the record are left out here too.
 */
export function toHistoryEntries(entity: RecordEntity, events: HistoryEvent[], record: CardRecord, names: Record<string, string>): HistoryEntry[] {
  const labels = FIELDS[entity];
  return events.map((event) => {
    const action = ACTIONS[event.action] ?? ACTIONS['update'];
    const changes = Object.entries(event.changes ?? {})
      .filter(([field]) => {
        const known = labels[field];
        return known !== undefined && (known.readableAs === undefined || known.readableAs in record);
      })
      .map(([field, change]) => ({
        field,
        label: labels[field].label,
        old: display(change.old, field, names),
        new: display(change.new, field, names),
        isDate: DATE_FIELDS.has(field),
      }))
      .filter((change) => event.action === 'update' || (event.action === 'insert' ? change.new : change.old) !== null);
    return {
      id: event.id,
      occurredAt: event.occurredAt,
      actor: event.actorLogin,
      label: action.label,
      icon: action.icon,
      showOld: event.action !== 'insert',
      showNew: event.action !== 'delete',
      changes,
    };
  });
}

function display(value: unknown, field: string, names: Record<string, string>): string | null {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  if (field === 'owner_id' && typeof value === 'string') {
    return names[value] ?? value;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? null : value.join(', ');
  }
  if (typeof value === 'object') {
    return Object.keys(value).length === 0 ? null : JSON.stringify(value);
  }
  return String(value);
}

/** The change history of a contact or company: who changed which field, from what to what, and when. Newest first. */
@Component({
  selector: 'crm-record-history',
  imports: [TranslocoPipe, CrmDatePipe, MatButtonModule, MatIconModule, MatProgressBarModule],
  providers: [RecordHistoryStore, provideTranslocoScope('activities')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './record-history.html',
  styleUrl: './record-history.scss',
})
export class RecordHistory {
  private readonly auth = inject(AuthStore);
  private readonly notify = inject(Notify);
  protected readonly store = inject(RecordHistoryStore);

  readonly entity = input.required<RecordEntity>();
  readonly record = input.required<CardRecord>();

  /** Owners the page can name; other owners appear by their id. */
  private readonly names = computed(() => {
    const record = this.record();
    const user = this.auth.user();
    return { ...(user === null ? {} : { [user.id]: user.displayName }), [record.ownerId]: record.ownerName };
  });
  protected readonly entries = computed(() => toHistoryEntries(this.entity(), this.store.items(), this.record(), this.names()));
  protected readonly errorText = computed(() => {
    const error = this.store.error();
    return error === null ? '' : this.notify.describe(error);
  });
  /** Reloads when the record is saved: its version changes. */
  private readonly revision = computed(() => `${this.entity()}|${this.record().id}|${this.record().version}`);

  constructor() {
    effect(() => {
      this.revision();
      untracked(() => this.store.load(this.entity(), this.record().id));
    });
  }
}
