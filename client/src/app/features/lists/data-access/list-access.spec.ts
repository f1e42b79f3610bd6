import { signal } from '@angular/core';
import { createMongoAbility } from '@casl/ability';
import type { AppAbility } from '@app/core/auth/ability';
import { listAccess, ownerIdsOf, seesOthersRecords } from './list-access';

const ability = (rules: object[]): AppAbility => createMongoAbility(rules as never) as AppAbility;
const rep = ability([{ action: 'read', subject: 'Contact', conditions: { ownerId: 'u1' } }, { action: 'update', subject: 'Contact', conditions: { ownerId: 'u1' } }]);
const lead = ability([
  { action: 'read', subject: 'Contact', conditions: { ownerId: { $in: ['u1', 'u2'] } } },
  { action: 'assign', subject: 'Contact', conditions: { ownerId: { $in: ['u1', 'u2'] } } },
]);
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('list access', () => {
  it('tells roles that see other people’s records from those that see only their own', () => {
    expect(seesOthersRecords(rep, 'Contact', 'u1')).toBe(false);
    expect(seesOthersRecords(lead, 'Contact', 'u1')).toBe(true);
    expect(seesOthersRecords(lead, 'Company', 'u1')).toBe(false);
    expect(seesOthersRecords(ability([{ action: 'manage', subject: 'all' }]), 'Company', 'u1')).toBe(true);
    expect(seesOthersRecords(ability([{ action: 'read', subject: 'Contact' }]), 'Contact', 'u1')).toBe(true);
  });

  it('reads the owners of the address, "only mine" winning, and offers the rows the role may give away', () => {
    expect(ownerIdsOf(`${A},nobody,${B}`)).toEqual([A, B]);
    expect(ownerIdsOf(undefined)).toEqual([]);

    const mine = signal<string | undefined>(undefined);
    const access = listAccess({
      subject: 'Contact', ability: () => lead, userId: () => 'u1', owner: () => `${A},${B}`, mine,
      rows: () => [{ id: 'c1', ownerId: 'u2' }, { id: 'c2', ownerId: 'u9' }],
    });
    expect(access.ownerFilter()).toEqual([A, B]);
    mine.set('1');
    expect(access.ownerFilter()).toEqual(['u1']);
    expect(access.seesOthers()).toBe(true);
    expect(access.canAssign()).toBe(true);
    expect(access.assignable()).toEqual(['c1']);

    const repAccess = listAccess({ subject: 'Contact', ability: () => rep, userId: () => 'u1', owner: () => undefined, mine: () => undefined, rows: () => [{ id: 'c1', ownerId: 'u1' }] });
    expect(repAccess.canAssign()).toBe(false);
    expect(repAccess.assignable()).toEqual([]);
    expect(repAccess.seesOthers()).toBe(false);
  });
});
