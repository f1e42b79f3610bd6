import type { CardRecord } from '../card/card-record';
import type { ChangeContext } from '../changes/change-fields';
import type { HistoryEvent } from '../data-access/activities-api';
import { toHistoryEntries } from './record-history';

const contact: CardRecord = {
  id: 'c1', name: 'Məmmədov Elçin', phone: '+994501234567', ownerId: 'u1', ownerName: 'Aysel Məmmədova', updatedAt: '2026-01-02T00:00:00Z', version: 2,
};
const company = { ...contact, id: 'k1', name: 'Xəzər Logistika MMC', taxId: '1401234561', industry: 'Logistika' } as CardRecord;
const event = (action: string, changes: Record<string, { old: unknown; new: unknown }>, tableName = 'contacts'): HistoryEvent => ({
  id: action, action, actorId: 'u2', actorLogin: 'rashad', changes: changes as HistoryEvent['changes'], details: null, ip: null,
  kind: 'data', occurredAt: '2026-01-02T00:00:00Z', recordId: 'c1', requestId: null, sealed: false, tableName,
});
const context = (record: CardRecord, userNames: Record<string, string> = {}): ChangeContext => ({ record, userNames, language: 'en' });

describe('toHistoryEntries', () => {
  it('shows each changed field with its old and new value, and names the owners and who changed it', () => {
    const [entry] = toHistoryEntries(
      'contact',
      [event('update', { phone: { old: '+994501234567', new: '+994551112233' }, owner_id: { old: 'u9', new: 'u1' }, updated_at: { old: 'a', new: 'b' } })],
      context(contact, { u1: 'Aysel Məmmədova', u2: 'Rəşad Quliyev', u9: 'Leyla Həsənova' }),
    );
    expect(entry.label).toBe('activities.history.changed');
    expect(entry.actor).toBe('Rəşad Quliyev');
    expect(entry.changes).toEqual([
      { field: 'phone', label: { kind: 'key', value: 'activities.fields.phone' }, old: { kind: 'text', value: '+994501234567' }, new: { kind: 'text', value: '+994551112233' } },
      { field: 'owner_id', label: { kind: 'key', value: 'activities.fields.owner' }, old: { kind: 'text', value: 'Leyla Həsənova' }, new: { kind: 'text', value: 'Aysel Məmmədova' } },
    ]);
  });

  it('says "another user" for an owner it cannot name, and the login for an actor without a name', () => {
    const [entry] = toHistoryEntries('contact', [event('update', { owner_id: { old: 'u9', new: 'u1' } })], context(contact, { u1: 'Aysel' }));
    expect(entry.actor).toBe('rashad');
    expect(entry.changes[0].old).toEqual({ kind: 'key', value: 'activities.values.otherUser' });
  });

  it('lists the values a contact was created with, without empty ones or fields the role may not read', () => {
    const [entry] = toHistoryEntries(
      'contact',
      [event('insert', { id: { old: null, new: 'c1' }, name: { old: null, new: 'Məmmədov Elçin' }, phone: { old: null, new: null }, email: { old: null, new: 'secret@example.az' }, custom: { old: null, new: {} } })],
      context(contact),
    );
    expect(entry.showOld).toBe(false);
    expect(entry.changes.map((c) => c.field)).toEqual(['name']);
  });

  it('names the company’s own fields, marks the follow-up time as a date, and leaves contact-only columns out', () => {
    const [entry] = toHistoryEntries(
      'company',
      [event('update', {
        tax_id: { old: '1401234561', new: '1401234562' },
        industry: { old: null, new: 'Logistika' },
        next_step_at: { old: null, new: '2026-03-01T06:00:00+00:00' },
        email_consent: { old: false, new: true },
      }, 'companies')],
      context(company),
    );
    expect(entry.changes.map((c) => c.field)).toEqual(['tax_id', 'industry']);
    // The role reads nextStepAt on this record: the change is listed.
    const withFollowUp = toHistoryEntries('company', [event('update', { next_step_at: { old: null, new: '2026-03-01T06:00:00+00:00' } }, 'companies')], context({ ...company, nextStepAt: null }));
    expect(withFollowUp[0].changes).toEqual([
      { field: 'next_step_at', label: { kind: 'key', value: 'activities.fields.nextStepAt' }, old: null, new: { kind: 'date', value: '2026-03-01T06:00:00+00:00' } },
    ]);
  });
});
