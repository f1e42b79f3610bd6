import { buildAbility, permittedFields } from './ability';

describe('permittedFields', () => {
  const team = { id: 'u1', teamMemberIds: ['u1', 'u2'] };

  it('allows every field of a row the role may read without field limits, and none of a row it may not', () => {
    const ability = buildAbility(team, [{ subject: 'Contact', action: 'read', scope: 'team' }]);
    expect(permittedFields(ability, 'read', 'Contact', { id: 'c1', ownerId: 'u2' })).toBeUndefined();
    expect(permittedFields(ability, 'read', 'Contact', { id: 'c2', ownerId: 'u9' })).toEqual(new Set());
    expect(permittedFields(ability, 'update', 'Contact', { id: 'c1', ownerId: 'u2' })).toEqual(new Set());
  });

  it('names the fields of the rules that limit them, row by row', () => {
    const ability = buildAbility(team, [
      { subject: 'Contact', action: 'read', scope: 'all', fields: ['name', 'email'] },
      { subject: 'Contact', action: 'read', scope: 'own' },
    ]);
    expect(permittedFields(ability, 'read', 'Contact', { id: 'c1', ownerId: 'u9' })).toEqual(new Set(['name', 'email']));
    expect(permittedFields(ability, 'read', 'Contact', { id: 'c2', ownerId: 'u1' })).toBeUndefined();
  });
});
