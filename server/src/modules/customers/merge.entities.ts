import type { Subject } from '../permissions/subjects';

export type MergeEntity = 'contact' | 'company';

/** A field the merge screen lets the user pick, and the columns that move with it. */
export interface MergeField {
  /** API name (camelCase). */
  name: string;
  /** Columns taken together from the chosen record; the first is the one shown. */
  columns: string[];
}

/** What duplicate search and merging need to know about contacts and companies. */
export interface MergeEntitySpec {
  entity: MergeEntity;
  subject: Subject;
  table: 'contacts' | 'companies';
  /** The column of contact_points, activities and attachments that points at the record. */
  ownColumn: 'contact_id' | 'company_id';
  /** The other side of contact_companies. */
  linkedColumn: 'company_id' | 'contact_id';
  searchDocument: 'contact_search_document' | 'company_search_document';
  path: 'contacts' | 'companies';
  auditAction: 'contact.merged' | 'company.merged';
  fields: MergeField[];
}

const single = (name: string, column: string): MergeField => ({ name, columns: [column] });

const SHARED_FIELDS: MergeField[] = [
  single('name', 'name'),
  single('email', 'email'),
  single('phone', 'phone'),
  single('ownerId', 'owner_id'),
  single('addresses', 'addresses'),
  single('source', 'source'),
  single('lifecycle', 'lifecycle'),
  single('lastContactedAt', 'last_contacted_at'),
  { name: 'nextStep', columns: ['next_step', 'next_step_at'] },
];

export const MERGE_ENTITIES: Record<MergeEntity, MergeEntitySpec> = {
  contact: {
    entity: 'contact',
    subject: 'Contact',
    table: 'contacts',
    ownColumn: 'contact_id',
    linkedColumn: 'company_id',
    searchDocument: 'contact_search_document',
    path: 'contacts',
    auditAction: 'contact.merged',
    fields: [
      ...SHARED_FIELDS,
      { name: 'emailConsent', columns: ['email_consent', 'email_consent_at', 'email_consent_source'] },
      { name: 'smsConsent', columns: ['sms_consent', 'sms_consent_at', 'sms_consent_source'] },
    ],
  },
  company: {
    entity: 'company',
    subject: 'Company',
    table: 'companies',
    ownColumn: 'company_id',
    linkedColumn: 'contact_id',
    searchDocument: 'company_search_document',
    path: 'companies',
    auditAction: 'company.merged',
    fields: [
      ...SHARED_FIELDS,
      single('legalForm', 'legal_form'),
      single('taxId', 'tax_id'),
      single('industry', 'industry'),
      single('size', 'size'),
      single('website', 'website'),
    ],
  },
};
