import type { Activity, TimelineItem } from '../data-access/activities-api';

/** The change of one field as the timeline shows it; a null value is shown as "empty". */
export interface FieldDiff {
  field: string;
  /** Translation key of the field's name, or null when only its column name is known. */
  label: string | null;
  old: string | null;
  new: string | null;
  /** A moment, shown in the interface language rather than as stored. */
  isDate: boolean;
}

export interface ChangeView {
  /** Translation key of the title, e.g. "Contact point added". */
  title: string;
  icon: string;
  showOld: boolean;
  showNew: boolean;
  fields: FieldDiff[];
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

/** Fields people know, by the column names of the audit trail. */
const FIELD_LABELS: Record<string, string> = {
  name: 'activities.fields.name',
  email: 'activities.fields.email',
  phone: 'activities.fields.phone',
  owner_id: 'activities.fields.owner',
  value: 'activities.fields.value',
  kind: 'activities.fields.kind',
  channel: 'activities.fields.channel',
  label: 'activities.fields.label',
  is_primary: 'activities.fields.primary',
  job_title: 'activities.fields.jobTitle',
  file_name: 'activities.fields.fileName',
  size_bytes: 'activities.fields.size',
  content_type: 'activities.fields.type',
  next_step: 'activities.fields.nextStep',
  next_step_at: 'activities.fields.nextStepAt',
  lifecycle: 'activities.fields.lifecycle',
  source: 'activities.fields.source',
  tags: 'activities.fields.tags',
  custom: 'activities.fields.custom',
  legal_form: 'activities.fields.legalForm',
  tax_id: 'activities.fields.taxId',
  industry: 'activities.fields.industry',
  size: 'activities.fields.employees',
  website: 'activities.fields.website',
};

/** Columns that hold a moment. */
const DATE_FIELDS = new Set(['next_step_at']);

/** Bookkeeping and links: not what a reader of the card looks for. */
const HIDDEN_FIELDS = new Set(['id', 'created_at', 'created_by', 'updated_at', 'version', 'search_text', 'contact_id', 'company_id', 'storage_key', 'sha256', 'position']);

const TABLE_TITLES: Record<string, string> = {
  contacts: 'record',
  companies: 'record',
  contact_points: 'point',
  contact_companies: 'link',
  attachments: 'file',
};

const ACTION_ICONS: Record<string, string> = { insert: 'add_circle', update: 'edit', delete: 'remove_circle' };

export function toChangeView(change: NonNullable<TimelineItem['change']>): ChangeView {
  const action = change.action === 'insert' || change.action === 'delete' ? change.action : 'update';
  const fields = Object.entries(change.changes ?? {})
    .filter(([field]) => !HIDDEN_FIELDS.has(field))
    .map(([field, diff]) => ({ field, label: FIELD_LABELS[field] ?? null, old: display(diff.old), new: display(diff.new), isDate: DATE_FIELDS.has(field) }))
    .filter((diff) => action === 'update' || (action === 'insert' ? diff.new : diff.old) !== null)
    .sort((a, b) => Number(b.label !== null) - Number(a.label !== null));
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

function display(value: unknown): string | null {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  if (typeof value === 'object') {
    const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
    return empty ? null : JSON.stringify(value);
  }
  return String(value);
}
