import { emptyGrid, GRID_ACTIONS, GRID_SUBJECTS, gridToRules, hasOwner, RoleRule, rulesToGrid, scopesFor, withCell } from './role-rules';

describe('role rules ⇄ grid', () => {
  it('has a row for every subject and "all", and a column for every action', () => {
    expect(GRID_SUBJECTS[0]).toBe('all');
    expect(GRID_SUBJECTS).toHaveLength(17);
    expect(GRID_ACTIONS).toEqual(['read', 'create', 'update', 'delete', 'export', 'assign', 'manage']);
  });

  it('offers own and team only on subjects whose records have an owner', () => {
    expect(scopesFor('Contact')).toEqual(['none', 'own', 'team', 'all']);
    expect(scopesFor('Report')).toEqual(['none', 'own', 'team', 'all']);
    expect(scopesFor('User')).toEqual(['none', 'all']);
    expect(scopesFor('AuditEvent')).toEqual(['none', 'all']);
    expect(scopesFor('all')).toEqual(['none', 'all']);
    expect(hasOwner('Deal')).toBe(true);
    expect(hasOwner('Settings')).toBe(false);
  });

  it('puts each rule in its cell and leaves the others empty', () => {
    const { grid, kept } = rulesToGrid([
      { subject: 'Contact', action: 'read', scope: 'all' },
      { subject: 'Contact', action: 'update', scope: 'own' },
      { subject: 'User', action: 'read', scope: 'all' },
    ]);
    expect(grid.Contact.read).toBe('all');
    expect(grid.Contact.update).toBe('own');
    expect(grid.Contact.delete).toBe('none');
    expect(grid.User.read).toBe('all');
    expect(grid.all.manage).toBe('none');
    expect(kept).toEqual([]);
  });

  it('keeps the wider scope when two rules meet in one cell', () => {
    const { grid } = rulesToGrid([
      { subject: 'Deal', action: 'read', scope: 'team' },
      { subject: 'Deal', action: 'read', scope: 'own' },
      { subject: 'Task', action: 'read', scope: 'own' },
      { subject: 'Task', action: 'read', scope: 'all' },
    ]);
    expect(grid.Deal.read).toBe('team');
    expect(grid.Task.read).toBe('all');
  });

  it('keeps apart, unchanged, the rules limited to fields and own/team on subjects without an owner', () => {
    const limited: RoleRule = { subject: 'Contact', action: 'update', scope: 'own', fields: ['phone', 'email'] };
    const ownerless: RoleRule = { subject: 'User', action: 'read', scope: 'own' };
    const everythingOwn: RoleRule = { subject: 'all', action: 'read', scope: 'team' };
    const { grid, kept } = rulesToGrid([limited, ownerless, everythingOwn, { subject: 'Contact', action: 'read', scope: 'all', fields: [] }]);
    expect(kept).toEqual([limited, ownerless, everythingOwn]);
    expect(grid.Contact.update).toBe('none');
    expect(grid.User.read).toBe('none');
    expect(grid.Contact.read).toBe('all');
  });

  it('turns the grid into one rule per allowed cell, in grid order, with the kept rules last', () => {
    let grid = emptyGrid();
    grid = withCell(grid, 'Contact', 'update', 'own');
    grid = withCell(grid, 'Contact', 'read', 'all');
    grid = withCell(grid, 'all', 'manage', 'all');
    grid = withCell(grid, 'Team', 'read', 'all');
    const kept: RoleRule[] = [{ subject: 'Deal', action: 'update', scope: 'team', fields: ['amount'] }];
    expect(gridToRules(grid, kept)).toEqual([
      { subject: 'all', action: 'manage', scope: 'all' },
      { subject: 'Contact', action: 'read', scope: 'all' },
      { subject: 'Contact', action: 'update', scope: 'own' },
      { subject: 'Team', action: 'read', scope: 'all' },
      ...kept,
    ]);
  });

  it('leaves out own/team on a subject without an owner rather than widening it to all', () => {
    let grid = withCell(emptyGrid(), 'Settings', 'update', 'own');
    grid = withCell(grid, 'Role', 'read', 'team');
    grid = withCell(grid, 'Pipeline', 'read', 'all');
    expect(gridToRules(grid)).toEqual([{ subject: 'Pipeline', action: 'read', scope: 'all' }]);
  });

  it('gives back the same rules after a round trip through the grid', () => {
    const rules: RoleRule[] = [
      { subject: 'Contact', action: 'read', scope: 'all' },
      { subject: 'Contact', action: 'update', scope: 'own' },
      { subject: 'Deal', action: 'export', scope: 'team' },
      { subject: 'AuditEvent', action: 'read', scope: 'all' },
      { subject: 'Company', action: 'update', scope: 'own', fields: ['phone'] },
    ];
    const { grid, kept } = rulesToGrid(rules);
    expect(gridToRules(grid, kept)).toEqual(rules);
  });

  it('changes one cell without touching the grid it came from', () => {
    const before = emptyGrid();
    const after = withCell(before, 'Case', 'assign', 'team');
    expect(before.Case.assign).toBe('none');
    expect(after.Case.assign).toBe('team');
    expect(after.Deal).toBe(before.Deal);
  });
});
