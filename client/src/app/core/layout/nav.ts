import type { Action, Subject } from '../auth/ability';

export interface NavItem {
  path: string;
  icon: string;
  label: string;
  /** Shown when the user's rules allow any of these. */
  requires: [Action, Subject][];
}

/** The sections of the side navigation; a section the CRM does not have yet is not listed. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/my-day', icon: 'today', label: 'nav.myDay', requires: [['read', 'Task']] },
  { path: '/', icon: 'dashboard', label: 'nav.dashboard', requires: [] },
  { path: '/contacts', icon: 'contacts', label: 'nav.customers', requires: [['read', 'Contact']] },
  { path: '/companies', icon: 'business', label: 'nav.companies', requires: [['read', 'Company']] },
  { path: '/deals', icon: 'view_kanban', label: 'nav.deals', requires: [['read', 'Deal']] },
  { path: '/tasks', icon: 'task_alt', label: 'nav.tasks', requires: [['read', 'Task']] },
  { path: '/calendar', icon: 'calendar_month', label: 'nav.calendar', requires: [['read', 'Task']] },
  { path: '/audit', icon: 'policy', label: 'nav.audit', requires: [['read', 'AuditEvent']] },
  { path: '/admin', icon: 'admin_panel_settings', label: 'nav.admin', requires: [['update', 'User'], ['update', 'Team'], ['update', 'Role'], ['manage', 'Settings']] },
];
