import type { Contact, HistoryEvent } from '../data-access/contacts-api';
import { toHistoryEntries } from './contact-history';

const contact: Contact = {
  id: 'c1', name: 'Məmmədov Elçin', phone: '+994501234567', ownerId: 'u1', ownerName: 'Aysel Məmmədova',
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z', createdBy: 'u1', version: 2,
};
const event = (action: string, changes: Record<string, { old: unknown; new: unknown }>): HistoryEvent => ({
  id: action, action, actorId: 'u1', actorLogin: 'aysel', changes: changes as HistoryEvent['changes'], details: null, ip: null,
  kind: 'data', occurredAt: '2026-01-02T00:00:00Z', recordId: 'c1', requestId: null, sealed: false, tableName: 'contacts',
});

describe('toHistoryEntries', () => {
  it('shows each changed field with its old and new value, and names the owner', () => {
    const [entry] = toHistoryEntries(
      [event('update', { phone: { old: '+994501234567', new: '+994551112233' }, owner_id: { old: 'u9', new: 'u1' }, updated_at: { old: 'a', new: 'b' } })],
      contact,
      { u1: 'Aysel Məmmədova' },
    );
    expect(entry.label).toBe('contacts.history.changed');
    expect(entry.actor).toBe('aysel');
    expect(entry.changes).toEqual([
      { field: 'phone', label: 'contacts.fields.phone', old: '+994501234567', new: '+994551112233' },
      { field: 'owner_id', label: 'contacts.fields.owner', old: 'u9', new: 'Aysel Məmmədova' },
    ]);
  });

  it('lists the values a contact was created with, without empty ones or fields the role may not read', () => {
    const [entry] = toHistoryEntries(
      [event('insert', { id: { old: null, new: 'c1' }, name: { old: null, new: 'Məmmədov Elçin' }, phone: { old: null, new: null }, email: { old: null, new: 'secret@example.az' }, custom: { old: null, new: {} } })],
      contact,
      {},
    );
    expect(entry.showOld).toBe(false);
    expect(entry.changes.map((c) => c.field)).toEqual(['name']);
  });
});
