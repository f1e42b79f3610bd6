import type { Activity } from '../data-access/activities-api';
import type { ChangeContext } from '../changes/change-fields';
import { formatDuration, toActivityView, toChangeView } from './timeline-entries';

const context: ChangeContext = { userNames: { u1: 'Aysel Məmmədova' }, language: 'en' };

describe('timeline entries', () => {
  it('shows the changed fields people know, in the card’s order, without bookkeeping or unknown columns', () => {
    const view = toChangeView({
      table: 'contacts',
      action: 'update',
      changes: { zodiac: { old: null, new: 'leo' }, lifecycle: { old: 'lead', new: 'customer' }, name: { old: 'Elçin', new: 'Elçin M.' }, search_text: { old: 'a', new: 'b' } },
    }, context);
    expect(view.title).toBe('activities.changes.record.update');
    expect(view.fields).toEqual([
      { field: 'name', label: { kind: 'key', value: 'activities.fields.name' }, old: { kind: 'text', value: 'Elçin' }, new: { kind: 'text', value: 'Elçin M.' } },
      { field: 'lifecycle', label: { kind: 'key', value: 'activities.fields.lifecycle' }, old: { kind: 'key', value: 'contacts.lifecycle.lead' }, new: { kind: 'key', value: 'contacts.lifecycle.customer' } },
    ]);
    expect([view.showOld, view.showNew]).toEqual([true, true]);
  });

  it('lists what a record was created with by name: the responsible person, the stage, the consents', () => {
    const view = toChangeView({
      table: 'contacts',
      action: 'insert',
      changes: {
        id: { old: null, new: 'c1' }, name: { old: null, new: 'Elçin' }, owner_id: { old: null, new: 'u1' }, lifecycle: { old: null, new: 'lead' },
        sms_consent: { old: null, new: false }, version: { old: null, new: 1 }, created_by: { old: null, new: 'u1' }, tags: { old: null, new: [] },
      },
    }, context);
    expect(view.title).toBe('activities.changes.record.insert');
    expect(view.fields.map((f) => [f.field, f.new])).toEqual([
      ['name', { kind: 'text', value: 'Elçin' }],
      ['owner_id', { kind: 'text', value: 'Aysel Məmmədova' }],
      ['lifecycle', { kind: 'key', value: 'contacts.lifecycle.lead' }],
      ['sms_consent', { kind: 'key', value: 'common.no' }],
    ]);
  });

  it('marks a scheduled follow-up’s time as a date and names a company’s own fields', () => {
    const view = toChangeView({
      table: 'companies',
      action: 'update',
      changes: { next_step: { old: null, new: 'Call back' }, next_step_at: { old: null, new: '2026-03-01T06:00:00+00:00' }, tax_id: { old: '1401234561', new: '1401234562' } },
    }, context);
    expect(view.fields.map((f) => [f.field, f.new])).toEqual([
      ['next_step', { kind: 'text', value: 'Call back' }],
      ['next_step_at', { kind: 'date', value: '2026-03-01T06:00:00+00:00' }],
      ['tax_id', { kind: 'text', value: '1401234562' }],
    ]);
  });

  it('lists the values a contact point was added with by their labels, leaving out empty ones and links', () => {
    const view = toChangeView({
      table: 'contact_points',
      action: 'insert',
      changes: { kind: { old: null, new: 'messenger' }, channel: { old: null, new: 'whatsapp' }, value: { old: null, new: '+994501234567' }, label: { old: null, new: null }, contact_id: { old: null, new: 'c1' } },
    }, context);
    expect(view.title).toBe('activities.changes.point.insert');
    expect(view.fields.map((f) => [f.field, f.new])).toEqual([
      ['kind', { kind: 'key', value: 'contacts.point.messenger' }],
      ['channel', { kind: 'key', value: 'contacts.channel.whatsapp' }],
      ['value', { kind: 'text', value: '+994501234567' }],
    ]);
    expect(view.showOld).toBe(false);
  });

  it('describes a call with its duration', () => {
    const call = { kind: 'call', subject: null, body: 'ok', direction: 'inbound', durationSeconds: 95, outcome: 'busy' } as Activity;
    expect(toActivityView(call)).toEqual({ icon: 'call', kind: 'call', subject: null, body: 'ok', direction: 'inbound', duration: '1:35', outcome: 'busy' });
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
