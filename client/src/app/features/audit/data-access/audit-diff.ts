import type { Schema } from '@app/core/api/schema';

export type AuditEvent = Schema<'AuditEventResponse'>;

/** A value as the diff view shows it: text as written, other JSON pretty-printed; `empty` for null. */
export interface DiffValue {
  text: string;
  empty: boolean;
  /** Shown as a preformatted block (JSON objects and lists, text with line breaks). */
  block: boolean;
}

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface DiffRow {
  field: string;
  kind: ChangeKind;
  old: DiffValue | null;
  new: DiffValue | null;
}

/** Fields that name a record, in the order that best names it. */
const TITLE_FIELDS = ['display_name', 'label', 'name', 'login', 'email', 'phone'];
/** Bookkeeping columns, shown after the business fields. */
const META_FIELDS = ['id', 'created_at', 'created_by', 'updated_at', 'version'];

export function formatValue(value: unknown): DiffValue {
  if (value === null || value === undefined) {
    return { text: '', empty: true, block: false };
  }
  if (typeof value === 'string') {
    return { text: value, empty: false, block: value.includes('\n') };
  }
  if (typeof value !== 'object') {
    return { text: String(value), empty: false, block: false };
  }
  const text = JSON.stringify(value, null, 2);
  return { text, empty: false, block: text.includes('\n') };
}

/** The fields in reading order: names first, then the rest alphabetically, bookkeeping last (jsonb sorts keys by length). */
export function orderFields(fields: string[]): string[] {
  const rank = (field: string): number => {
    const title = TITLE_FIELDS.indexOf(field);
    if (title >= 0) {
      return title;
    }
    const meta = META_FIELDS.indexOf(field);
    return meta >= 0 ? 100 + meta : 50;
  };
  return [...fields].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * One row per field of a data change: an insert shows every new value, a delete every old value,
 * an update each changed field with its value before and after. Application events have none.
 */
export function buildDiff(event: Pick<AuditEvent, 'action' | 'changes'>): DiffRow[] {
  const changes = event.changes ?? {};
  return orderFields(Object.keys(changes)).map((field) => {
    const change = changes[field];
    switch (event.action) {
      case 'insert':
        return { field, kind: 'added', old: null, new: formatValue(change.new) };
      case 'delete':
        return { field, kind: 'removed', old: formatValue(change.old), new: null };
      default:
        return { field, kind: 'changed', old: formatValue(change.old), new: formatValue(change.new) };
    }
  });
}

/** The details of an application event (login, reason, filters…), one row per key. */
export function detailRows(details: AuditEvent['details']): { key: string; value: DiffValue }[] {
  return Object.entries(details ?? {}).map(([key, value]) => ({ key, value: formatValue(value) }));
}

export type EventSummary =
  | { kind: 'fields'; fields: string[] }
  | { kind: 'title'; text: string }
  | { kind: 'details'; text: string }
  | { kind: 'none' };

const SUMMARY_LENGTH = 120;

/**
 * One line for the list: the changed fields of an update, the name of a created or deleted
 * record, the details of an application event.
 */
export function summarize(event: Pick<AuditEvent, 'action' | 'changes' | 'details'>): EventSummary {
  const changes = event.changes ?? {};
  const fields = Object.keys(changes);
  if (fields.length > 0) {
    if (event.action === 'insert' || event.action === 'delete') {
      const side = event.action === 'insert' ? 'new' : 'old';
      const title = TITLE_FIELDS.map((field) => changes[field]?.[side]).find((value) => typeof value === 'string' && value.trim() !== '');
      if (typeof title === 'string') {
        return { kind: 'title', text: clip(title) };
      }
    }
    return { kind: 'fields', fields: orderFields(fields) };
  }
  const details = Object.entries(event.details ?? {});
  if (details.length > 0) {
    const text = details.map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(' · ');
    return { kind: 'details', text: clip(text) };
  }
  return { kind: 'none' };
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SUMMARY_LENGTH ? `${line.slice(0, SUMMARY_LENGTH - 1)}…` : line;
}
