import { Injectable, Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Actor, changeContextOf } from '../../auth/actor';
import { AppAbility, permittedFields } from '../../permissions/ability';
import type { Subject } from '../../permissions/subjects';
import { CompanyExportQuery, ContactExportQuery, ExportFormat } from './dto/export.dto';
import type { CustomFieldEntity } from '../custom-fields.values';
import type { AppEventAction } from '../../audit/audit.service';
import { CustomFieldsService } from '../custom-fields.service';
import { ExportRow, ExportsRepository } from './exports.repository';

/** What every exported row has: its id and owner (for field limits), additional fields and the standing tail columns. */
export interface ExportBaseRow {
  id: string;
  owner_id: string;
  owner_login: string;
  owner_name: string;
  created_at: Date;
  updated_at: Date;
  custom: Record<string, unknown>;
}

type Cell = string | number | Date | null;

/** A column of the file: its header, the record field whose read limit applies, and its value. */
export interface ExportColumn<Row> {
  header: string;
  field: string;
  value(row: Row): Cell;
}
type Column = ExportColumn<ExportRow>;

/** What an export writes and records: the entity's columns before its additional fields, the file name and the audit event. */
export interface ExportSpec<Row extends ExportBaseRow> {
  entity: CustomFieldEntity;
  subject: Subject;
  columns: ExportColumn<Row>[];
  fileBase: string;
  action: AppEventAction;
  tableName: string;
}

/** Fields every reader of a record sees; field limits apply to the others. */
const ALWAYS_VISIBLE = new Set(['id', 'ownerId', 'ownerName', 'createdAt', 'updatedAt']);

const address = (part: 'line1' | 'city' | 'region' | 'postalCode' | 'country') => (row: ExportRow): string | null => row.address?.[part] ?? null;

const HEAD: Column[] = [
  { header: 'ID', field: 'id', value: (r) => r.id },
  { header: 'Name', field: 'name', value: (r) => r.name },
];
const COMMON: Column[] = [
  { header: 'Email', field: 'email', value: (r) => r.emails },
  { header: 'Phone', field: 'phone', value: (r) => r.phones },
  { header: 'Tags', field: 'tags', value: (r) => r.tags.join(', ') },
  { header: 'Source', field: 'source', value: (r) => r.source },
  { header: 'Lifecycle', field: 'lifecycle', value: (r) => r.lifecycle },
  { header: 'Street', field: 'addresses', value: address('line1') },
  { header: 'City', field: 'addresses', value: address('city') },
  { header: 'Region', field: 'addresses', value: address('region') },
  { header: 'Postal code', field: 'addresses', value: address('postalCode') },
  { header: 'Country', field: 'addresses', value: address('country') },
];
const TAIL: ExportColumn<ExportBaseRow>[] = [
  { header: 'Owner', field: 'ownerId', value: (r) => r.owner_login },
  { header: 'Owner name', field: 'ownerName', value: (r) => r.owner_name },
  { header: 'Created at', field: 'createdAt', value: (r) => r.created_at },
  { header: 'Updated at', field: 'updatedAt', value: (r) => r.updated_at },
];

const COLUMNS: Record<'contact' | 'company', Column[]> = {
  contact: [
    ...HEAD,
    ...COMMON.slice(0, 2),
    { header: 'Company', field: 'companies', value: (r) => r.companies ?? null },
    { header: 'Job title', field: 'companies', value: (r) => r.job_titles ?? null },
    ...COMMON.slice(2),
  ],
  company: [
    ...HEAD,
    { header: 'Tax ID', field: 'taxId', value: (r) => r.tax_id ?? null },
    { header: 'Legal form', field: 'legalForm', value: (r) => r.legal_form ?? null },
    { header: 'Industry', field: 'industry', value: (r) => r.industry ?? null },
    { header: 'Size', field: 'size', value: (r) => r.size ?? null },
    { header: 'Website', field: 'website', value: (r) => r.website ?? null },
    ...COMMON,
  ],
};

const CONTACTS: ExportSpec<ExportRow> = {
  entity: 'contact', subject: 'Contact', columns: COLUMNS.contact, fileBase: 'contacts', action: 'contacts.exported', tableName: 'contacts',
};
const COMPANIES: ExportSpec<ExportRow> = {
  entity: 'company', subject: 'Company', columns: COLUMNS.company, fileBase: 'companies', action: 'companies.exported', tableName: 'companies',
};

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Readable;
}

/** Exports of the lists (contacts, companies, deals) as CSV or XLSX, streamed, limited to readable fields and audited. */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger('ExportsService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly exports: ExportsRepository,
    private readonly audit: AuditService,
    private readonly customFields: CustomFieldsService,
  ) {}

  async contacts(actor: Actor, query: ContactExportQuery): Promise<ExportFile> {
    return this.export(actor, CONTACTS, query, this.exports.contactRows(actor.ability, query, await this.customFields.listFilter('contact', query.cf)));
  }

  async companies(actor: Actor, query: CompanyExportQuery): Promise<ExportFile> {
    return this.export(actor, COMPANIES, query, this.exports.companyRows(actor.ability, query, await this.customFields.listFilter('company', query.cf)));
  }

  /** Writes `rows` (already filtered by the read and export rules) as the file the query asks for, and records the export. */
  async export<Row extends ExportBaseRow>(actor: Actor, spec: ExportSpec<Row>, query: { format?: ExportFormat }, rows: AsyncGenerator<Row>): Promise<ExportFile> {
    const { format = 'csv', ...filters } = query;
    const custom: { key: string; labels: Record<string, string> }[] = await this.dataSource.query(
      `SELECT key, labels FROM custom_field_definitions WHERE entity = $1 AND active ORDER BY position, key`,
      [spec.entity],
    );
    const all: ExportColumn<Row>[] = [
      ...spec.columns,
      ...custom.map((field): ExportColumn<Row> => ({ header: field.labels.en ?? field.key, field: 'custom', value: (r) => customCell(r.custom[field.key]) })),
      ...TAIL,
    ];
    const readable = readableAnywhere(actor.ability, spec.subject);
    const columns = readable ? all.filter((c) => ALWAYS_VISIBLE.has(c.field) || readable.has(c.field)) : all;
    const cells = (row: Row): Cell[] => {
      // Limits can depend on the record (a rule for own records only), so each row is checked.
      const allowed = readable ? permittedFields(actor.ability, 'read', spec.subject, { id: row.id, ownerId: row.owner_id }) : undefined;
      return columns.map((c) => (!allowed || ALWAYS_VISIBLE.has(c.field) || allowed.has(c.field) ? c.value(row) : null));
    };
    const counted = this.audited(actor, spec, { filters, format }, rows);
    const base = `${spec.fileBase}-${new Date().toISOString().slice(0, 10)}`;
    const headers = columns.map((c) => c.header);
    return format === 'xlsx'
      ? { fileName: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: xlsx(headers, counted, cells, this.logger) }
      : { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: Readable.from(csv(headers, counted, cells)) };
  }

  /** Counts the rows as they go out and records the export when the stream ends, however it ends. */
  private async *audited<Row>(actor: Actor, spec: ExportSpec<ExportBaseRow>, details: Record<string, unknown>, rows: AsyncGenerator<Row>): AsyncGenerator<Row> {
    let count = 0;
    let complete = false;
    try {
      for await (const row of rows) {
        count++;
        yield row;
      }
      complete = true;
    } finally {
      await this.audit.record({
        action: spec.action,
        context: changeContextOf(actor),
        tableName: spec.tableName,
        details: { ...details, rows: count, complete },
      });
    }
  }
}

/** The fields some read rule allows, or undefined when a rule allows every field. */
function readableAnywhere(ability: AppAbility, subject: Subject): Set<string> | undefined {
  const rules = ability.rulesFor('read', subject).filter((rule) => !rule.inverted);
  if (rules.length === 0 || rules.some((rule) => !rule.fields)) {
    return undefined;
  }
  return new Set(rules.flatMap((rule) => ([] as string[]).concat(rule.fields ?? [])));
}

function customCell(value: unknown): string | number | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'number') {
    return value;
  }
  return Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const CSV_BATCH = 500;

/** UTF-8 with BOM, so that Excel reads Azerbaijani letters; formulas are defused. */
async function* csv<Row>(headers: string[], rows: AsyncIterable<Row>, cells: (row: Row) => Cell[]): AsyncGenerator<string> {
  yield `\uFEFF${stringify([headers])}`;
  let batch: string[][] = [];
  for await (const row of rows) {
    batch.push(cells(row).map(csvText));
    if (batch.length === CSV_BATCH) {
      yield stringify(batch);
      batch = [];
    }
  }
  if (batch.length > 0) {
    yield stringify(batch);
  }
}

function csvText(value: Cell): string {
  if (value === null) {
    return '';
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  const text = String(value);
  // A cell starting with =, +, - or @ runs as a formula in a spreadsheet; phone numbers (+994…) are harmless.
  return /^[=+\-@\t\r]/.test(text) && !/^\+[\d ;]+$/.test(text) ? `'${text}` : text;
}

/** An XLSX workbook written row by row (exceljs' streaming writer), never whole in memory. */
function xlsx<Row>(headers: string[], rows: AsyncIterable<Row>, cells: (row: Row) => Cell[], logger: Logger): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Export', { views: [{ state: 'frozen', ySplit: 1 }] });
  const write = async (): Promise<void> => {
    sheet.addRow(headers).commit();
    for await (const row of rows) {
      sheet.addRow(cells(row)).commit();
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    logger.error({ err: error }, 'the XLSX export stopped');
    out.destroy(error as Error);
  });
  return out;
}
