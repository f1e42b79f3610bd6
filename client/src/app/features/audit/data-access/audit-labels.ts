/**
 * What the audit trail records, for labels, icons and colours. Data changes come from the table
 * triggers (insert, update, delete); application events from the server's AuditService.
 */
export const DATA_ACTIONS = ['insert', 'update', 'delete'] as const;

export const APP_ACTIONS = [
  'auth.login.success',
  'auth.login.failure',
  'auth.logout',
  'auth.refresh.reuse',
  'auth.password.changed',
  'auth.password.reset',
  'permission.denied',
  'role.assigned',
  'role.rules.changed',
  'audit.export',
] as const;

/** Tables with an audit trigger (migrations); their records can be searched by type. */
export const KNOWN_TABLES = ['contacts', 'users', 'teams', 'team_members', 'roles', 'user_roles'] as const;

/** Columns with a translated label; any other column is shown by its own name. */
const KNOWN_FIELDS = new Set([
  'id', 'name', 'label', 'description', 'built_in', 'rules', 'login', 'email', 'phone', 'display_name', 'locale', 'active',
  'password_hash', 'must_change_password', 'last_login_at', 'lead_id', 'team_id', 'user_id', 'role_id', 'owner_id', 'custom',
  'created_at', 'updated_at', 'created_by', 'version',
]);

/** How an action looks: `create` green, `change` primary, `danger` red, `neutral` plain. */
export type ActionTone = 'create' | 'change' | 'danger' | 'neutral';

const ACTION_LOOK: Record<string, { icon: string; tone: ActionTone }> = {
  insert: { icon: 'add_circle', tone: 'create' },
  update: { icon: 'edit', tone: 'change' },
  delete: { icon: 'delete', tone: 'danger' },
  'auth.login.success': { icon: 'login', tone: 'neutral' },
  'auth.login.failure': { icon: 'no_accounts', tone: 'danger' },
  'auth.logout': { icon: 'logout', tone: 'neutral' },
  'auth.refresh.reuse': { icon: 'gpp_maybe', tone: 'danger' },
  'auth.password.changed': { icon: 'password', tone: 'neutral' },
  'auth.password.reset': { icon: 'lock_reset', tone: 'change' },
  'permission.denied': { icon: 'block', tone: 'danger' },
  'role.assigned': { icon: 'badge', tone: 'change' },
  'role.rules.changed': { icon: 'rule', tone: 'change' },
  'audit.export': { icon: 'download', tone: 'neutral' },
};

export function actionLook(action: string): { icon: string; tone: ActionTone } {
  return Object.hasOwn(ACTION_LOOK, action) ? ACTION_LOOK[action] : { icon: 'info', tone: 'neutral' };
}

/*
 * Translation keys. A name the client does not know maps to an `other` text that shows it as the
 * server wrote it, so templates always write `{{ actionKey(a) | transloco: { name: a } }}`.
 */
export function actionKey(action: string): string {
  return Object.hasOwn(ACTION_LOOK, action) ? `audit.actions.${action.replace(/\./g, '_')}` : 'audit.actions.other';
}

export function tableKey(table: string): string {
  return (KNOWN_TABLES as readonly string[]).includes(table) ? `audit.tables.${table}` : 'audit.tables.other';
}

export function fieldKey(field: string): string {
  return KNOWN_FIELDS.has(field) ? `audit.fields.${field}` : 'audit.fields.other';
}
