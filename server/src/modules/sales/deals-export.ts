import type { ExportBaseRow, ExportColumn, ExportSpec } from '../customers/export/exports.service';

/** A deal as an export reads it (`DealsRepository.exportQuery`). */
export interface DealExportRow extends ExportBaseRow {
  title: string;
  amount: string | null;
  currency: string;
  weighted_amount: string | null;
  probability: number;
  status: string;
  pipeline_name: string;
  stage_name: string;
  expected_close_date: string | null;
  contact_name: string | null;
  company_name: string | null;
  source: string | null;
  lost_reason: string | null;
  lost_note: string | null;
  closed_at: Date | null;
  tags: string[];
  last_contacted_at: Date | null;
}

const money = (value: string | null): number | null => (value === null ? null : Number(value));

const COLUMNS: ExportColumn<DealExportRow>[] = [
  { header: 'ID', field: 'id', value: (r) => r.id },
  { header: 'Title', field: 'title', value: (r) => r.title },
  { header: 'Amount', field: 'amount', value: (r) => money(r.amount) },
  { header: 'Currency', field: 'currency', value: (r) => r.currency },
  { header: 'Probability %', field: 'stageId', value: (r) => r.probability },
  { header: 'Weighted amount', field: 'amount', value: (r) => money(r.weighted_amount) },
  { header: 'Pipeline', field: 'pipelineId', value: (r) => r.pipeline_name },
  { header: 'Stage', field: 'stageId', value: (r) => r.stage_name },
  { header: 'Status', field: 'stageId', value: (r) => r.status },
  { header: 'Expected close', field: 'expectedCloseDate', value: (r) => r.expected_close_date },
  { header: 'Contact', field: 'contactId', value: (r) => r.contact_name },
  { header: 'Company', field: 'companyId', value: (r) => r.company_name },
  { header: 'Source', field: 'source', value: (r) => r.source },
  { header: 'Lost reason', field: 'lostReasonId', value: (r) => r.lost_reason },
  { header: 'Lost note', field: 'lostNote', value: (r) => r.lost_note },
  { header: 'Closed at', field: 'closedAt', value: (r) => r.closed_at },
  { header: 'Tags', field: 'tags', value: (r) => r.tags.join(', ') },
  { header: 'Last contacted', field: 'lastContactedAt', value: (r) => r.last_contacted_at },
];

/** The deals list as a file: its columns (field limits by the deal's field names) and the audit event. */
export const DEALS_EXPORT: ExportSpec<DealExportRow> = {
  entity: 'deal', subject: 'Deal', columns: COLUMNS, fileBase: 'deals', action: 'deals.exported', tableName: 'deals',
};
