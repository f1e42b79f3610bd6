import type { Subject } from '@app/core/auth/ability';

export interface AdminTab {
  path: 'users' | 'teams' | 'roles' | 'custom-fields' | 'pipelines';
  icon: string;
  label: string;
  /** Shown to users who may change records of this subject (as the route guard of the section requires). */
  subject: Subject;
}

export const ADMIN_TABS: readonly AdminTab[] = [
  { path: 'users', icon: 'person', label: 'admin.tabs.users', subject: 'User' },
  { path: 'teams', icon: 'groups', label: 'admin.tabs.teams', subject: 'Team' },
  { path: 'roles', icon: 'shield_person', label: 'admin.tabs.roles', subject: 'Role' },
  { path: 'custom-fields', icon: 'dynamic_form', label: 'admin.tabs.customFields', subject: 'Settings' },
  { path: 'pipelines', icon: 'view_kanban', label: 'admin.tabs.pipelines', subject: 'Pipeline' },
];
