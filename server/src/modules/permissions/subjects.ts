export const SUBJECTS = [
  'Contact', 'Company', 'Deal', 'Activity', 'Task', 'Case', 'Campaign', 'Segment', 'Report',
  'AuditEvent', 'User', 'Team', 'Role', 'Pipeline', 'AutomationRule', 'Settings',
] as const;
export type Subject = (typeof SUBJECTS)[number];

/** Subjects whose rows have an owner, so that `own` and `team` scopes mean something. */
export const OWNED_SUBJECTS: readonly Subject[] = [
  'Contact', 'Company', 'Deal', 'Activity', 'Task', 'Case', 'Campaign', 'Segment', 'Report',
];

export const ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'assign', 'manage'] as const;
export type Action = (typeof ACTIONS)[number];

export const SCOPES = ['own', 'team', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

/** One line of a role: what it allows on which subject, over which rows, optionally limited to fields. */
export interface RoleRule {
  subject: Subject | 'all';
  action: Action;
  scope: Scope;
  fields?: string[];
}
