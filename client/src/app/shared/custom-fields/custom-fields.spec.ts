import { pickedValues, withPicked } from './custom-field-filters';
import { CustomField, customFieldValues, labelOf, newCustomFieldsGroup, setCustomFieldControls } from './custom-fields';

const field = (key: string, type: CustomField['type'], extra: Partial<CustomField> = {}): CustomField => ({
  id: key, entity: 'contact', key, type, required: false, labels: { en: key }, options: [], position: 0, active: true,
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1, ...extra,
});

describe('custom fields in forms', () => {
  const fields = [
    field('segment', 'select', { required: true, options: [{ value: 'vip', labels: { en: 'VIP' } }] }),
    field('budget', 'money'),
    field('since', 'date'),
    field('tags', 'multiselect', { options: [{ value: 'a', labels: { en: 'A' } }] }),
    field('news', 'checkbox'),
    field('note', 'text'),
    field('old', 'text', { active: false }),
  ];

  it('fills a control per active field with the record values and sends them back in API form', () => {
    const group = newCustomFieldsGroup();
    setCustomFieldControls(group, fields, { segment: 'vip', budget: { amount: 12.5, currency: 'USD' }, since: '2024-02-29', tags: ['a'], news: true, old: 'kept' });
    expect(Object.keys(group.controls)).toEqual(['segment', 'budget', 'since', 'tags', 'news', 'note']);
    expect(group.valid).toBe(true);
    expect(customFieldValues(group, fields)).toEqual({
      segment: 'vip', budget: { amount: 12.5, currency: 'USD' }, since: '2024-02-29', tags: ['a'], news: true, note: null,
    });
  });

  it('requires what the definition requires, and resets to the record values', () => {
    const group = newCustomFieldsGroup();
    setCustomFieldControls(group, fields, {});
    expect(group.controls['segment'].hasError('required')).toBe(true);
    setCustomFieldControls(group, fields, { segment: 'vip' });
    group.controls['segment'].setValue('');
    group.reset();
    expect(group.controls['segment'].value).toBe('vip');
    expect(customFieldValues(group, fields)['budget']).toBeNull();
  });

  it('labels in the interface language, falling back to another one', () => {
    expect(labelOf({ az: 'Seqment', en: 'Segment' }, 'en')).toBe('Segment');
    expect(labelOf({ az: 'Seqment', en: 'Segment' }, 'ru')).toBe('Seqment');
    expect(labelOf({ ru: 'Сегмент' }, 'tr')).toBe('Сегмент');
  });
});

describe('custom field filters in the address', () => {
  it('reads and replaces the choice of one field, leaving the others', () => {
    const cf = ['segment:eq:vip', 'employees:gte:10'];
    expect(pickedValues(cf, 'segment')).toEqual(['vip']);
    expect(pickedValues(['segment:in:vip,gov'], 'segment')).toEqual(['vip', 'gov']);
    expect(withPicked(cf, 'segment', ['vip', 'gov'])).toEqual(['employees:gte:10', 'segment:in:vip,gov']);
    expect(withPicked(cf, 'segment', [])).toEqual(['employees:gte:10']);
    expect(withPicked([], 'tags', ['a'])).toEqual(['tags:eq:a']);
  });
});
