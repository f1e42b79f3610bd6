import { CustomField, labelOf } from '@app/shared/custom-fields/custom-fields';

/** Something to show: a translation key, a moment (shown in the interface language) or text as it is. */
export interface Shown {
  kind: 'key' | 'date' | 'text';
  value: string;
}

/** One changed field as a person reads it: its name, and the values before and after (null: empty). */
export interface ShownChange {
  /** The column, or `custom.<key>` for an additional field. */
  field: string;
  label: Shown;
  old: Shown | null;
  new: Shown | null;
}

export interface ChangeContext {
  /** The record as the role reads it: changes of its fields absent from it (not readable) are left out. */
  record?: object;
  /** Names of users by id: the page's `userNames`, the record's owner, the signed-in user. */
  userNames: Readonly<Record<string, string>>;
  /** Definitions of the record's additional fields, for their names and option labels. */
  customFields?: readonly CustomField[];
  /** The interface language, for the names of additional fields. */
  language: string;
  /** Names of records that columns point to by id (stages, pipelines, lost reasons). */
  names?: Readonly<Record<string, string>>;
}

type ValueKind = 'text' | 'date' | 'yesNo' | 'user' | 'named' | 'list' | 'addresses' | 'custom' | { keys: string; known: readonly string[] };

interface Column {
  /** Translation key of the field's name. */
  label: string;
  /** The response field holding this column on the record: a role that may not read it does not see its changes either. */
  readableAs?: string;
  value?: ValueKind;
}

const LIFECYCLE = { keys: 'contacts.lifecycle.', known: ['lead', 'prospect', 'customer', 'former'] };
const SOURCE = { keys: 'contacts.source.', known: ['phone_call', 'website', 'social_media', 'advertising', 'referral', 'other'] };
const POINT_KIND = { keys: 'contacts.point.', known: ['phone', 'email', 'messenger', 'social', 'web'] };
const CHANNEL = { keys: 'contacts.channel.', known: ['whatsapp', 'telegram', 'viber', 'signal', 'facebook', 'instagram', 'linkedin', 'tiktok', 'x', 'youtube'] };
const POINT_LABEL = { keys: 'contacts.label.', known: ['mobile', 'work', 'home', 'other'] };

/** Columns contacts and companies share, in the order a card shows them. */
const RECORD_COLUMNS: Record<string, Column> = {
  name: { label: 'activities.fields.name', readableAs: 'name' },
  phone: { label: 'activities.fields.phone', readableAs: 'phone' },
  email: { label: 'activities.fields.email', readableAs: 'email' },
  owner_id: { label: 'activities.fields.owner', value: 'user' },
  lifecycle: { label: 'activities.fields.lifecycle', readableAs: 'lifecycle', value: LIFECYCLE },
  source: { label: 'activities.fields.source', readableAs: 'source', value: SOURCE },
  tags: { label: 'activities.fields.tags', readableAs: 'tags', value: 'list' },
  next_step: { label: 'activities.fields.nextStep', readableAs: 'nextStep' },
  next_step_at: { label: 'activities.fields.nextStepAt', readableAs: 'nextStepAt', value: 'date' },
  last_contacted_at: { label: 'activities.fields.lastContactedAt', readableAs: 'lastContactedAt', value: 'date' },
  addresses: { label: 'activities.fields.addresses', readableAs: 'addresses', value: 'addresses' },
  custom: { label: 'activities.fields.custom', readableAs: 'custom', value: 'custom' },
};

/**
 * The one map of the audit trail's columns to the names people know, for the timeline and the
 * history alike: every column of the tables a card's changes come from. Columns absent here are
 * bookkeeping (ids, versions, the search document) or links the entry's title already names.
 */
export const CHANGE_COLUMNS: Readonly<Record<string, Readonly<Record<string, Column>>>> = {
  contacts: {
    ...RECORD_COLUMNS,
    email_consent: { label: 'activities.fields.emailConsent', readableAs: 'emailConsent', value: 'yesNo' },
    email_consent_at: { label: 'activities.fields.emailConsentAt', readableAs: 'emailConsent', value: 'date' },
    email_consent_source: { label: 'activities.fields.emailConsentSource', readableAs: 'emailConsent' },
    sms_consent: { label: 'activities.fields.smsConsent', readableAs: 'smsConsent', value: 'yesNo' },
    sms_consent_at: { label: 'activities.fields.smsConsentAt', readableAs: 'smsConsent', value: 'date' },
    sms_consent_source: { label: 'activities.fields.smsConsentSource', readableAs: 'smsConsent' },
  },
  companies: {
    ...RECORD_COLUMNS,
    legal_form: { label: 'activities.fields.legalForm', readableAs: 'legalForm' },
    tax_id: { label: 'activities.fields.taxId', readableAs: 'taxId' },
    industry: { label: 'activities.fields.industry', readableAs: 'industry' },
    size: { label: 'activities.fields.employees', readableAs: 'size' },
    website: { label: 'activities.fields.website', readableAs: 'website' },
  },
  deals: {
    title: { label: 'activities.fields.title', readableAs: 'title' },
    pipeline_id: { label: 'activities.fields.pipeline', readableAs: 'pipelineId', value: 'named' },
    stage_id: { label: 'activities.fields.stage', readableAs: 'stageId', value: 'named' },
    lost_reason_id: { label: 'activities.fields.lostReason', readableAs: 'lostReasonId', value: 'named' },
    amount: { label: 'activities.fields.amount', readableAs: 'amount' },
    currency: { label: 'activities.fields.currency', readableAs: 'currency' },
    expected_close_date: { label: 'activities.fields.expectedCloseDate', readableAs: 'expectedCloseDate' },
    owner_id: { label: 'activities.fields.owner', value: 'user' },
    source: { label: 'activities.fields.source', readableAs: 'source' },
    tags: { label: 'activities.fields.tags', readableAs: 'tags', value: 'list' },
    lost_note: { label: 'activities.fields.lostNote', readableAs: 'lostNote' },
    closed_at: { label: 'activities.fields.closedAt', readableAs: 'closedAt', value: 'date' },
    last_contacted_at: { label: 'activities.fields.lastContactedAt', readableAs: 'lastContactedAt', value: 'date' },
    custom: { label: 'activities.fields.custom', readableAs: 'custom', value: 'custom' },
  },
  deal_line_items: {
    name: { label: 'activities.fields.lineItem' },
    quantity: { label: 'activities.fields.quantity' },
    unit_price: { label: 'activities.fields.unitPrice' },
    discount_percent: { label: 'activities.fields.discountPercent' },
  },
  contact_points: {
    kind: { label: 'activities.fields.kind', value: POINT_KIND },
    channel: { label: 'activities.fields.channel', value: CHANNEL },
    value: { label: 'activities.fields.value' },
    label: { label: 'activities.fields.label', value: POINT_LABEL },
    is_primary: { label: 'activities.fields.primary', value: 'yesNo' },
  },
  contact_companies: {
    job_title: { label: 'activities.fields.jobTitle' },
    is_primary: { label: 'activities.fields.mainCompany', value: 'yesNo' },
  },
  attachments: {
    file_name: { label: 'activities.fields.fileName' },
    content_type: { label: 'activities.fields.type' },
    size_bytes: { label: 'activities.fields.size' },
  },
};

/** Bookkeeping every table has: never shown. */
export const NOISE_COLUMNS: ReadonlySet<string> = new Set(['id', 'version', 'created_by', 'created_at', 'updated_at', 'search_text']);

const key = (value: string): Shown => ({ kind: 'key', value });
const text = (value: string): Shown => ({ kind: 'text', value });

/**
 * The changed fields of one audit event of `table`, in the order of the map, as a person reads
 * them: named, with values by their labels and users by their names. A new record lists what it
 * was created with, a removed one what it held; empty values and unchanged additional fields are
 * left out.
 */
export function shownChanges(table: string, action: string, changes: Record<string, { old?: unknown; new?: unknown }> | null | undefined, context: ChangeContext): ShownChange[] {
  const columns = CHANGE_COLUMNS[table] ?? {};
  const readable = (column: Column): boolean =>
    column.readableAs === undefined || context.record === undefined || !isRecordTable(table) || column.readableAs in context.record;
  const rows: ShownChange[] = [];
  for (const [field, column] of Object.entries(columns)) {
    const change = changes?.[field];
    if (change === undefined || NOISE_COLUMNS.has(field) || !readable(column)) {
      continue;
    }
    if (column.value === 'custom') {
      rows.push(...customChanges(change.old, change.new, context));
    } else {
      rows.push({ field, label: key(column.label), old: shownValue(change.old, column.value, context), new: shownValue(change.new, column.value, context) });
    }
  }
  return rows.filter((row) => (action === 'insert' ? row.new !== null : action === 'delete' ? row.old !== null : true));
}

const isRecordTable = (table: string): boolean => table === 'contacts' || table === 'companies' || table === 'deals';

function shownValue(value: unknown, kind: ValueKind = 'text', context: ChangeContext): Shown | null {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  if (typeof kind === 'object') {
    return typeof value === 'string' && kind.known.includes(value) ? key(kind.keys + value) : text(String(value));
  }
  switch (kind) {
    case 'date':
      return { kind: 'date', value: String(value) };
    case 'yesNo':
      return key(value === true ? 'common.yes' : 'common.no');
    case 'named':
      return typeof value === 'string' && context.names?.[value] ? text(context.names[value]) : key('activities.values.unknownName');
    case 'user':
      return typeof value === 'string' && context.userNames[value] ? text(context.userNames[value]) : key('activities.values.otherUser');
    case 'list':
      return Array.isArray(value) ? (value.length === 0 ? null : text(value.join(', '))) : text(String(value));
    case 'addresses':
      return addressesText(value);
    default:
      return plainText(value);
  }
}

/** "Neftçilər pr. 1, Bakı, AZ; …": each address by its filled parts. */
function addressesText(value: unknown): Shown | null {
  if (!Array.isArray(value)) {
    return plainText(value);
  }
  const lines = value
    .map((address: Record<string, unknown>) => ['line1', 'city', 'postalCode', 'country'].map((part) => address?.[part]).filter((part) => typeof part === 'string' && part !== '').join(', '))
    .filter((line) => line !== '');
  return lines.length === 0 ? null : text(lines.join('; '));
}

function plainText(value: unknown): Shown | null {
  if (typeof value === 'object' && value !== null) {
    const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
    return empty ? null : text(JSON.stringify(value));
  }
  return text(String(value));
}

/** One row per additional field whose value changed, named as its definition names it. */
function customChanges(before: unknown, after: unknown, context: ChangeContext): ShownChange[] {
  const old = asObject(before);
  const now = asObject(after);
  const definitions = new Map((context.customFields ?? []).map((field) => [field.key, field]));
  const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])];
  // Fields in the order of the form, then any without a definition.
  const order = (name: string): number => definitions.get(name)?.position ?? Number.MAX_SAFE_INTEGER;
  return keys
    .filter((name) => JSON.stringify(old[name] ?? null) !== JSON.stringify(now[name] ?? null))
    .sort((a, b) => order(a) - order(b))
    .map((name) => {
      const definition = definitions.get(name);
      return {
        field: `custom.${name}`,
        label: text(definition ? labelOf(definition.labels, context.language) || name : name),
        old: customValue(old[name], definition, context.language),
        new: customValue(now[name], definition, context.language),
      };
    });
}

const asObject = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

function customValue(value: unknown, definition: CustomField | undefined, language: string): Shown | null {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return null;
  }
  const option = (choice: unknown): string => {
    const found = definition?.options.find((o) => o.value === choice);
    return found ? labelOf(found.labels, language) || String(choice) : String(choice);
  };
  switch (definition?.type) {
    case 'checkbox':
      return key(value === true ? 'common.yes' : 'common.no');
    case 'select':
      return text(option(value));
    case 'multiselect':
      return text((Array.isArray(value) ? value : [value]).map(option).join(', '));
    case 'money': {
      const money = asObject(value);
      return money['amount'] === undefined ? plainText(value) : text(`${String(money['amount'])} ${String(money['currency'] ?? '')}`.trim());
    }
    default:
      return Array.isArray(value) ? text(value.join(', ')) : plainText(value);
  }
}
