import { createMongoAbility } from '@casl/ability';
import type { AppAbility } from '@app/core/auth/ability';
import { fieldAccess } from './field-access';

const FIELDS = ['name', 'taxId', 'tags', 'ownerId', 'custom'] as const;
const ability = (rules: object[]): AppAbility => createMongoAbility(rules as never) as AppAbility;
const company = { id: 'k1', name: 'Xəzər', taxId: '1401234561', tags: [], ownerId: 'u1', custom: {} };

describe('fieldAccess', () => {
  it('lets a sales rep change their own company but not hand it over: no responsible person field', () => {
    const rep = ability(['read', 'create', 'update'].map((action) => ({ action, subject: 'Company', conditions: { ownerId: 'u1' } })));
    const access = fieldAccess(rep, 'Company', FIELDS, company, false, 'u1');
    expect(access.name).toEqual({ visible: true, editable: true });
    expect(access.ownerId).toEqual({ visible: false, editable: false });
    // Someone else's company: seen (a wider read rule) but not changed.
    const wider = ability([{ action: 'read', subject: 'Company' }, { action: 'update', subject: 'Company', conditions: { ownerId: 'u1' } }]);
    expect(fieldAccess(wider, 'Company', FIELDS, { ...company, ownerId: 'u9' }, false, 'u1').name).toEqual({ visible: true, editable: false });
  });

  it('shows the responsible person to roles that may assign, on a new company too', () => {
    const manager = ability(['read', 'create', 'update', 'assign'].map((action) => ({ action, subject: 'Company' })));
    expect(fieldAccess(manager, 'Company', FIELDS, company, false, 'u1').ownerId).toEqual({ visible: true, editable: true });
    expect(fieldAccess(manager, 'Company', FIELDS, null, true, 'u1').ownerId).toEqual({ visible: true, editable: true });
  });

  it('hides fields the role may not read (absent from the record) and locks fields it may not write', () => {
    const limited = ability([
      { action: 'read', subject: 'Company' },
      { action: 'update', subject: 'Company', fields: ['name', 'tags'] },
    ]);
    const withoutTaxId: Partial<typeof company> = { ...company };
    delete withoutTaxId.taxId;
    const access = fieldAccess(limited, 'Company', FIELDS, withoutTaxId, false, 'u1');
    expect(access.taxId).toEqual({ visible: false, editable: false });
    expect(access.tags).toEqual({ visible: true, editable: true });
    expect(access.custom).toEqual({ visible: true, editable: false });
  });

  it('shows nothing while the record loads, and everything of a new record the role may create', () => {
    const creator = ability([{ action: 'create', subject: 'Company', conditions: { ownerId: 'u1' } }]);
    expect(Object.values(fieldAccess(creator, 'Company', FIELDS, null, false, 'u1')).some((a) => a.visible)).toBe(false);
    const fresh = fieldAccess(creator, 'Company', FIELDS, null, true, 'u1');
    expect(fresh.name).toEqual({ visible: true, editable: true });
    expect(fresh.custom.editable).toBe(true);
  });
});
