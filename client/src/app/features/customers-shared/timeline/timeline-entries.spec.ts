import type { Activity } from '../data-access/activities-api';
import { formatDuration, toActivityView, toChangeView } from './timeline-entries';

describe('timeline entries', () => {
  it('shows the changed fields people know, first, without bookkeeping', () => {
    const view = toChangeView({
      table: 'contacts',
      action: 'update',
      changes: { name: { old: 'Elçin', new: 'Elçin M.' }, zodiac: { old: null, new: 'leo' }, search_text: { old: 'a', new: 'b' } },
    });
    expect(view.title).toBe('activities.changes.record.update');
    expect(view.fields).toEqual([
      { field: 'name', label: 'activities.fields.name', old: 'Elçin', new: 'Elçin M.', isDate: false },
      { field: 'zodiac', label: null, old: null, new: 'leo', isDate: false },
    ]);
    expect([view.showOld, view.showNew]).toEqual([true, true]);
  });

  it('marks a scheduled follow-up’s time as a date and names a company’s own fields', () => {
    const view = toChangeView({
      table: 'companies',
      action: 'update',
      changes: { next_step: { old: null, new: 'Call back' }, next_step_at: { old: null, new: '2026-03-01T06:00:00+00:00' }, tax_id: { old: '1401234561', new: '1401234562' } },
    });
    expect(view.fields).toEqual([
      { field: 'next_step', label: 'activities.fields.nextStep', old: null, new: 'Call back', isDate: false },
      { field: 'next_step_at', label: 'activities.fields.nextStepAt', old: null, new: '2026-03-01T06:00:00+00:00', isDate: true },
      { field: 'tax_id', label: 'activities.fields.taxId', old: '1401234561', new: '1401234562', isDate: false },
    ]);
  });

  it('lists the values a contact point was added with, leaving out empty ones and links', () => {
    const view = toChangeView({
      table: 'contact_points',
      action: 'insert',
      changes: { kind: { old: null, new: 'email' }, value: { old: null, new: 'a@b.az' }, label: { old: null, new: null }, contact_id: { old: null, new: 'c1' } },
    });
    expect(view.title).toBe('activities.changes.point.insert');
    expect(view.fields.map((f) => f.field)).toEqual(['kind', 'value']);
    expect(view.showOld).toBe(false);
  });

  it('describes a call with its duration', () => {
    const call = { kind: 'call', subject: null, body: 'ok', direction: 'inbound', durationSeconds: 95, outcome: 'busy' } as Activity;
    expect(toActivityView(call)).toEqual({ icon: 'call', kind: 'call', subject: null, body: 'ok', direction: 'inbound', duration: '1:35', outcome: 'busy' });
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
