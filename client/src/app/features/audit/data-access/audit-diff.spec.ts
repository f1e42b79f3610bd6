import { buildDiff, detailRows, formatValue, summarize } from './audit-diff';
import { actionKey, actionLook, fieldKey, tableKey } from './audit-labels';

const roleInsert = {
  action: 'insert',
  changes: {
    id: { old: null, new: 'r-1' },
    name: { old: null, new: 'regional_manager' },
    label: { old: null, new: 'Regional manager' },
    rules: { old: null, new: [{ subject: 'Contact', action: 'read', scope: 'all' }] },
    version: { old: null, new: 1 },
    built_in: { old: null, new: false },
    description: { old: null, new: '' },
  },
  details: null,
} as never;

describe('buildDiff', () => {
  it('shows every new value of an insert, names first and bookkeeping last', () => {
    const rows = buildDiff(roleInsert);
    expect(rows.map((r) => r.field)).toEqual(['label', 'name', 'built_in', 'description', 'rules', 'id', 'version']);
    expect(rows.every((r) => r.kind === 'added' && r.old === null)).toBe(true);
    expect(rows[0].new).toEqual({ text: 'Regional manager', empty: false, block: false });
    expect(rows.find((r) => r.field === 'built_in')?.new?.text).toBe('false');
    const rules = rows.find((r) => r.field === 'rules')?.new;
    expect(rules?.block).toBe(true);
    expect(rules?.text).toBe('[\n  {\n    "subject": "Contact",\n    "action": "read",\n    "scope": "all"\n  }\n]');
  });

  it('shows the old and the new value of each changed field of an update', () => {
    const rows = buildDiff({ action: 'update', changes: { label: { old: 'Before', new: 'After' }, email: { old: 'a@b.az', new: null } } } as never);
    expect(rows).toEqual([
      { field: 'label', kind: 'changed', old: { text: 'Before', empty: false, block: false }, new: { text: 'After', empty: false, block: false } },
      { field: 'email', kind: 'changed', old: { text: 'a@b.az', empty: false, block: false }, new: { text: '', empty: true, block: false } },
    ]);
  });

  it('shows every old value of a delete', () => {
    const rows = buildDiff({ action: 'delete', changes: { name: { old: 'Team A', new: null }, lead_id: { old: null, new: null } } } as never);
    expect(rows).toEqual([
      { field: 'name', kind: 'removed', old: { text: 'Team A', empty: false, block: false }, new: null },
      { field: 'lead_id', kind: 'removed', old: { text: '', empty: true, block: false }, new: null },
    ]);
  });

  it('has no rows for an application event', () => {
    expect(buildDiff({ action: 'auth.login.failure', changes: null } as never)).toEqual([]);
    expect(detailRows({ login: 'aysel', reason: 'wrong-password' })).toEqual([
      { key: 'login', value: { text: 'aysel', empty: false, block: false } },
      { key: 'reason', value: { text: 'wrong-password', empty: false, block: false } },
    ]);
  });

  it('keeps line breaks of text as a block', () => {
    expect(formatValue('one\ntwo')).toEqual({ text: 'one\ntwo', empty: false, block: true });
    expect(formatValue(12.5).text).toBe('12.5');
    expect(formatValue({}).block).toBe(false);
  });
});

describe('summarize', () => {
  it('names a created or deleted record by its label or name', () => {
    expect(summarize(roleInsert)).toEqual({ kind: 'title', text: 'Regional manager' });
    expect(summarize({ action: 'delete', changes: { login: { old: 'aysel', new: null } }, details: null } as never)).toEqual({ kind: 'title', text: 'aysel' });
  });

  it('lists the fields an update changed, and of a record without a name', () => {
    expect(summarize({ action: 'update', changes: { version: { old: 1, new: 2 }, label: { old: 'a', new: 'b' } }, details: null } as never)).toEqual({
      kind: 'fields', fields: ['label', 'version'],
    });
    expect(summarize({ action: 'insert', changes: { user_id: { old: null, new: 'u' }, team_id: { old: null, new: 't' } }, details: null } as never)).toEqual({
      kind: 'fields', fields: ['team_id', 'user_id'],
    });
  });

  it('puts the details of an application event on one short line', () => {
    expect(summarize({ action: 'auth.login.failure', changes: null, details: { login: 'aysel', reason: 'wrong-password' } } as never)).toEqual({
      kind: 'details', text: 'login: aysel · reason: wrong-password',
    });
    const long = summarize({ action: 'role.rules.changed', changes: null, details: { rules: Array.from({ length: 20 }, () => ({ subject: 'Contact' })) } } as never);
    expect(long.kind === 'details' && long.text.length).toBe(120);
    expect(summarize({ action: 'auth.logout', changes: null, details: null } as never)).toEqual({ kind: 'none' });
  });
});

describe('labels', () => {
  it('have a translation key for what the client knows and fall back to the name otherwise', () => {
    expect(actionKey('auth.login.failure')).toBe('audit.actions.auth_login_failure');
    expect(actionKey('toString')).toBe('audit.actions.other');
    expect(actionLook('delete')).toEqual({ icon: 'delete', tone: 'danger' });
    expect(actionLook('constructor').tone).toBe('neutral');
    expect(tableKey('team_members')).toBe('audit.tables.team_members');
    expect(tableKey('deals')).toBe('audit.tables.other');
    expect(fieldKey('display_name')).toBe('audit.fields.display_name');
    expect(fieldKey('mystery')).toBe('audit.fields.other');
  });
});
