import { ChangeContext, ShownChange, shownChanges } from '../changes/change-fields';
import type { Activity, TimelineItem } from '../data-access/activities-api';

export interface ChangeView {
  /** Translation key of the title, e.g. "Contact point added". */
  title: string;
  icon: string;
  showOld: boolean;
  showNew: boolean;
  fields: ShownChange[];
}

export interface ActivityView {
  icon: string;
  kind: Activity['kind'];
  subject: string | null;
  body: string | null;
  direction: Activity['direction'];
  duration: string | null;
  outcome: Activity['outcome'];
}

export const KIND_ICONS: Record<Activity['kind'], string> = { call: 'call', email: 'mail', meeting: 'groups', note: 'sticky_note_2' };

const TABLE_TITLES: Record<string, string> = {
  contacts: 'record',
  companies: 'record',
  contact_points: 'point',
  contact_companies: 'link',
  attachments: 'file',
};

const ACTION_ICONS: Record<string, string> = { insert: 'add_circle', update: 'edit', delete: 'remove_circle' };

/** A change of the record, or of its contact points, company links or files, titled by what changed. */
export function toChangeView(change: NonNullable<TimelineItem['change']>, context: ChangeContext): ChangeView {
  const action = change.action === 'insert' || change.action === 'delete' ? change.action : 'update';
  const fields = shownChanges(change.table, action, change.changes, context);
  return {
    title: `activities.changes.${TABLE_TITLES[change.table] ?? 'record'}.${action}`,
    icon: ACTION_ICONS[action],
    showOld: action !== 'insert',
    showNew: action !== 'delete',
    fields,
  };
}

export function toActivityView(activity: Activity): ActivityView {
  return {
    icon: KIND_ICONS[activity.kind],
    kind: activity.kind,
    subject: activity.subject,
    body: activity.body,
    direction: activity.direction,
    duration: activity.durationSeconds === null ? null : formatDuration(activity.durationSeconds),
    outcome: activity.outcome,
  };
}

/** 95 → "1:35", 3725 → "1:02:05". */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
