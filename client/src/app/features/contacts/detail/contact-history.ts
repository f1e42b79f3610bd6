import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import { Notify } from '@app/shared/ui/notify.service';
import { ContactHistoryStore } from '../data-access/contact-history.store';
import { Contact, HistoryEvent } from '../data-access/contacts-api';

/** Columns of the contacts table as the audit trail names them, with the label of each. */
const FIELD_LABELS: Record<string, { label: string; readableAs?: keyof Contact }> = {
  name: { label: 'contacts.fields.name', readableAs: 'name' },
  phone: { label: 'contacts.fields.phone', readableAs: 'phone' },
  email: { label: 'contacts.fields.email', readableAs: 'email' },
  owner_id: { label: 'contacts.fields.owner' },
  custom: { label: 'contacts.fields.custom' },
};

const ACTIONS: Record<string, { label: string; icon: string }> = {
  insert: { label: 'contacts.history.created', icon: 'person_add' },
  update: { label: 'contacts.history.changed', icon: 'edit' },
  delete: { label: 'contacts.history.deleted', icon: 'delete' },
};

export interface HistoryChange {
  field: string;
  label: string;
  old: string | null;
  new: string | null;
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
 * after. Fields the role may not read on the contact are left out here too.
 */
export function toHistoryEntries(events: HistoryEvent[], contact: Contact, names: Record<string, string>): HistoryEntry[] {
  return events.map((event) => {
    const action = ACTIONS[event.action] ?? ACTIONS['update'];
    const changes = Object.entries(event.changes ?? {})
      .filter(([field]) => {
        const known = FIELD_LABELS[field];
        return known !== undefined && (known.readableAs === undefined || known.readableAs in contact);
      })
      .map(([field, change]) => ({
        field,
        label: FIELD_LABELS[field].label,
        old: display(change.old, field, names),
        new: display(change.new, field, names),
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
  if (typeof value === 'object') {
    return Object.keys(value).length === 0 ? null : JSON.stringify(value);
  }
  return String(value);
}

/** The change history of a contact: who changed which field, from what to what, and when. Newest first. */
@Component({
  selector: 'crm-contact-history',
  imports: [TranslocoPipe, CrmDatePipe, MatButtonModule, MatIconModule, MatProgressBarModule],
  providers: [ContactHistoryStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './contact-history.html',
  styleUrl: './contact-history.scss',
})
export class ContactHistory {
  private readonly auth = inject(AuthStore);
  private readonly notify = inject(Notify);
  protected readonly store = inject(ContactHistoryStore);

  readonly contact = input.required<Contact>();

  /** Owners the page can name; other owners appear by their id. */
  private readonly names = computed(() => {
    const contact = this.contact();
    const user = this.auth.user();
    return { ...(user === null ? {} : { [user.id]: user.displayName }), [contact.ownerId]: contact.ownerName };
  });
  protected readonly entries = computed(() => toHistoryEntries(this.store.items(), this.contact(), this.names()));
  protected readonly errorText = computed(() => {
    const error = this.store.error();
    return error === null ? '' : this.notify.describe(error);
  });
  /** Reloads when the contact is saved: its version changes. */
  private readonly revision = computed(() => `${this.contact().id}|${this.contact().version}`);

  constructor() {
    effect(() => {
      this.revision();
      untracked(() => this.store.load(this.contact().id));
    });
  }
}
