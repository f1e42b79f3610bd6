import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CustomField } from '@app/shared/custom-fields/custom-fields';
import { CHANGE_COLUMNS, ChangeContext, shownChanges } from './change-fields';
import { changeContext } from './change-context';

const field = (key: string, type: CustomField['type'], extra: Partial<CustomField> = {}): CustomField => ({
  id: key, entity: 'company', key, type, required: false, labels: { en: key }, options: [], position: 0, active: true,
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1, ...extra,
});
const base: ChangeContext = { userNames: {}, language: 'az' };

describe('change fields', () => {
  it('names every column people see, for the record tables and the tables hanging on them', () => {
    expect(Object.keys(CHANGE_COLUMNS).sort()).toEqual(['attachments', 'companies', 'contact_companies', 'contact_points', 'contacts', 'deal_line_items', 'deals']);
    expect(Object.keys(CHANGE_COLUMNS['contacts'])).toEqual(expect.arrayContaining(['owner_id', 'email_consent', 'sms_consent', 'addresses', 'last_contacted_at', 'custom']));
    expect(Object.keys(CHANGE_COLUMNS['companies'])).toEqual(expect.arrayContaining(['legal_form', 'tax_id', 'industry', 'size', 'website', 'owner_id']));
    expect(Object.keys(CHANGE_COLUMNS['deals'])).toEqual(expect.arrayContaining(['title', 'amount', 'expected_close_date', 'owner_id', 'custom']));
  });

  it('has every field name and value label in az, tr, en and ru', () => {
    const i18n = join(__dirname, '../../../../../public/i18n');
    const flat = (value: unknown, prefix = ''): string[] =>
      Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? flat(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    const keysOf = (scope: string, lang: string): Set<string> =>
      new Set(flat(JSON.parse(readFileSync(join(i18n, scope, `${lang}.json`), 'utf8'))).map((k) => (scope === '' ? k : `${scope}.${k}`)));
    const values = (changes: Record<string, unknown>): string[] =>
      Object.entries(CHANGE_COLUMNS).flatMap(([table]) =>
        shownChanges(table, 'insert', Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, { old: null, new: v }])), base)
          .flatMap((row) => [row.label, row.new])
          .filter((shown) => shown?.kind === 'key')
          .map((shown) => shown!.value),
      );
    const used = new Set([
      ...Object.values(CHANGE_COLUMNS).flatMap((columns) => Object.values(columns).map((column) => column.label)),
      ...values({ lifecycle: 'former', source: 'social_media', kind: 'social', channel: 'telegram', label: 'mobile', is_primary: true, email_consent: false, owner_id: 'unknown' }),
    ]);
    for (const lang of ['az', 'tr', 'en', 'ru']) {
      const known = new Set([...keysOf('', lang), ...keysOf('activities', lang), ...keysOf('contacts', lang)]);
      expect([...used].filter((key) => !known.has(key))).toEqual([]);
    }
  });

  it('names a deal’s stage, pipeline and lost reason by the names the card gives, and a removed one as such', () => {
    const context: ChangeContext = { ...base, names: { s1: 'Initial contact', s2: 'Negotiation', r1: 'Price too high' } };
    const rows = shownChanges('deals', 'update', { stage_id: { old: 's1', new: 's2' }, lost_reason_id: { old: 'gone', new: 'r1' } }, context);
    expect(rows.map((row) => [row.field, row.old, row.new])).toEqual([
      ['stage_id', { kind: 'text', value: 'Initial contact' }, { kind: 'text', value: 'Negotiation' }],
      ['lost_reason_id', { kind: 'key', value: 'activities.values.unknownName' }, { kind: 'text', value: 'Price too high' }],
    ]);
  });

  it('shows enum values by their labels, and values it has no label for as they are', () => {
    const rows = shownChanges('contact_points', 'update', { channel: { old: 'telegram', new: 'signal-desktop' }, label: { old: 'mobile', new: 'Ofis' } }, base);
    expect(rows.map((r) => [r.old, r.new])).toEqual([
      [{ kind: 'key', value: 'contacts.channel.telegram' }, { kind: 'text', value: 'signal-desktop' }],
      [{ kind: 'key', value: 'contacts.label.mobile' }, { kind: 'text', value: 'Ofis' }],
    ]);
  });

  it('writes addresses and tags as text, and an emptied list as empty', () => {
    const [addresses, tags] = shownChanges('companies', 'update', {
      tags: { old: ['vip'], new: [] },
      addresses: { old: [], new: [{ kind: 'legal', line1: 'Neftçilər pr. 1', city: 'Bakı', country: 'AZ' }, { kind: 'postal', line1: '', city: 'Gəncə' }] },
    }, base).sort((a, b) => a.field.localeCompare(b.field));
    expect(addresses.new).toEqual({ kind: 'text', value: 'Neftçilər pr. 1, Bakı, AZ; Gəncə' });
    expect(addresses.old).toBeNull();
    expect([tags.old, tags.new]).toEqual([{ kind: 'text', value: 'vip' }, null]);
  });

  it('shows one row per changed additional field, named and valued as its definition says', () => {
    const customFields = [
      field('segment', 'select', { position: 2, labels: { az: 'Seqment', en: 'Segment' }, options: [{ value: 'vip', labels: { az: 'VİP', en: 'VIP' } }] }),
      field('budget', 'money', { position: 1, labels: { az: 'Büdcə' } }),
      field('news', 'checkbox', { position: 3, labels: { az: 'Xəbərlər' } }),
    ];
    const rows = shownChanges('companies', 'update', {
      custom: { old: { segment: null, budget: { amount: 10, currency: 'AZN' }, news: true, kept: 'x' }, new: { segment: 'vip', budget: { amount: 12.5, currency: 'AZN' }, news: false, kept: 'x', extra: 'y' } },
    }, { ...base, customFields });
    expect(rows).toEqual([
      { field: 'custom.budget', label: { kind: 'text', value: 'Büdcə' }, old: { kind: 'text', value: '10 AZN' }, new: { kind: 'text', value: '12.5 AZN' } },
      { field: 'custom.segment', label: { kind: 'text', value: 'Seqment' }, old: null, new: { kind: 'text', value: 'VİP' } },
      { field: 'custom.news', label: { kind: 'text', value: 'Xəbərlər' }, old: { kind: 'key', value: 'common.yes' }, new: { kind: 'key', value: 'common.no' } },
      { field: 'custom.extra', label: { kind: 'text', value: 'extra' }, old: null, new: { kind: 'text', value: 'y' } },
    ]);
  });

  it('leaves out the changes of fields the role may not read on the record, but not on the tables hanging on it', () => {
    const record = { id: 'k1', ownerId: 'u1', ownerName: 'Aysel', updatedAt: '', version: 1, name: 'Xəzər' };
    const context = changeContext(record, {}, null, [], 'en');
    expect(shownChanges('companies', 'update', { name: { old: 'A', new: 'B' }, tax_id: { old: '1', new: '2' } }, context).map((r) => r.field)).toEqual(['name']);
    expect(shownChanges('contact_points', 'insert', { value: { old: null, new: '+994501234567' } }, context).map((r) => r.field)).toEqual(['value']);
  });

  it('names users by the page’s names first, then the record’s owner and the signed-in user', () => {
    const record = { id: 'k1', ownerId: 'u1', ownerName: 'Aysel', updatedAt: '', version: 1 };
    const context = changeContext(record, { u3: 'Rəşad' }, { id: 'u2', displayName: 'Leyla' }, [], 'en');
    expect(context.userNames).toEqual({ u1: 'Aysel', u2: 'Leyla', u3: 'Rəşad' });
    const [row] = shownChanges('companies', 'update', { owner_id: { old: 'u3', new: 'u2' } }, context);
    expect([row.old, row.new]).toEqual([{ kind: 'text', value: 'Rəşad' }, { kind: 'text', value: 'Leyla' }]);
  });
});
