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
      { field: 'name', label: 'activities.fields.name', old: 'Elçin', new: 'Elçin M.' },
      { field: 'zodiac', label: null, old: null, new: 'leo' },
    ]);
    expect([view.showOld, view.showNew]).toEqual([true, true]);
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
