import { buildAbility } from './ability';
import { permissionFilter } from './permission-filter';

const columns = { ownerId: 'c.owner_id' };

describe('permissionFilter', () => {
  it('turns the own scope into an owner condition', () => {
    const ability = buildAbility({ id: 'u1', teamMemberIds: ['u1'] }, [{ subject: 'Contact', action: 'read', scope: 'own' }]);
    expect(permissionFilter(ability, 'read', 'Contact', columns, 3)).toEqual({ sql: 'c.owner_id = $3', params: ['u1'] });
  });

  it('turns the team scope into membership of the team', () => {
    const ability = buildAbility({ id: 'u1', teamMemberIds: ['u1', 'u2'] }, [{ subject: 'Contact', action: 'read', scope: 'team' }]);
    expect(permissionFilter(ability, 'read', 'Contact', columns)).toEqual({ sql: 'c.owner_id = ANY($1)', params: [['u1', 'u2']] });
  });

  it('combines several rules with OR and lets an unconditional rule win', () => {
    const own = buildAbility({ id: 'u1', teamMemberIds: ['u1', 'u2'] }, [
      { subject: 'Contact', action: 'read', scope: 'own' },
      { subject: 'Contact', action: 'read', scope: 'team' },
    ]);
    const { sql } = permissionFilter(own, 'read', 'Contact', columns);
    expect(sql).toContain(' OR ');
    const all = buildAbility({ id: 'u1', teamMemberIds: ['u1'] }, [
      { subject: 'Contact', action: 'read', scope: 'own' },
      { subject: 'Contact', action: 'read', scope: 'all' },
    ]);
    expect(permissionFilter(all, 'read', 'Contact', columns).sql).toBe('TRUE');
  });

  it('allows nothing without a rule, and everything to manage-all', () => {
    const none = buildAbility({ id: 'u1', teamMemberIds: ['u1'] }, [{ subject: 'Deal', action: 'read', scope: 'all' }]);
    expect(permissionFilter(none, 'read', 'Contact', columns)).toEqual({ sql: 'FALSE', params: [] });
    const admin = buildAbility({ id: 'u1', teamMemberIds: ['u1'] }, [{ subject: 'all', action: 'manage', scope: 'all' }]);
    expect(permissionFilter(admin, 'delete', 'Contact', columns).sql).toBe('TRUE');
  });

  it('refuses a rule on a field the query does not map', () => {
    const ability = buildAbility({ id: 'u1', teamMemberIds: ['u1'] }, [{ subject: 'Contact', action: 'read', scope: 'own' }]);
    expect(() => permissionFilter(ability, 'read', 'Contact', {})).toThrow(/ownerId/);
  });
});
