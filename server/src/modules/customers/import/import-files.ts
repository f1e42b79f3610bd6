import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { validationError } from '../../../common/errors/app-error';

export type ImportFileType = 'csv' | 'xlsx' | 'vcard';

/** One data row of a file with its number as a person sees it there (1-based; a header is row 1). */
export interface FileRow {
  row: number;
  cells: string[];
}

/** A file read into a table: unique header names and the data rows in file order. */
export interface FileTable {
  headers: string[];
  rows: FileRow[];
}

/** The kind of a file, from its name and, for a text file, its first bytes. */
export function fileTypeOf(fileName: string, head: Buffer): ImportFileType | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx') || head.subarray(0, 2).toString('latin1') === 'PK') {
    return 'xlsx';
  }
  if (lower.endsWith('.vcf') || lower.endsWith('.vcard') || /^\s*BEGIN:VCARD/i.test(decodeText(head.subarray(0, 64)))) {
    return 'vcard';
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt') || lower.endsWith('.tsv')) {
    return 'csv';
  }
  return undefined;
}

export async function readFileTable(type: ImportFileType, content: Buffer): Promise<FileTable> {
  switch (type) {
    case 'csv':
      return readCsv(content);
    case 'xlsx':
      return readXlsx(content);
    case 'vcard':
      return readVcard(decodeText(content));
  }
}

/**
 * Text in UTF-8 (with or without BOM) or UTF-16 with BOM; otherwise the single-byte code page
 * Excel saves in on Russian (windows-1251) or Turkish and Azerbaijani (windows-1254) systems.
 */
export function decodeText(content: Buffer): string {
  if (content[0] === 0xff && content[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(content.subarray(2));
  }
  if (content[0] === 0xfe && content[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(content.subarray(2));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    const cyrillic = new TextDecoder('windows-1251').decode(content);
    const letters = cyrillic.match(/[А-яЁё]/g)?.length ?? 0;
    const high = content.reduce((n, byte) => n + (byte >= 0x80 ? 1 : 0), 0);
    return letters > high * 0.6 ? cyrillic : new TextDecoder('windows-1254').decode(content);
  }
}

/** The delimiter that occurs most in the first line outside quotes: comma, semicolon or tab. */
export function sniffDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0].replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

function readCsv(content: Buffer): FileTable {
  const text = decodeText(content);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { delimiter: sniffDelimiter(text), relax_column_count: true, skip_empty_lines: true, info: true, bom: true }) as unknown as typeof records;
  } catch (error) {
    throw validationError([{ field: 'file', message: `is not a readable CSV file: ${(error as Error).message}` }]);
  }
  const [header, ...rest] = records;
  return {
    headers: uniqueHeaders(header?.record ?? []),
    rows: rest.map(({ record, info }) => ({ row: info.lines, cells: record.map((cell) => cell.trim()) })).filter((r) => r.cells.some((c) => c !== '')),
  };
}

async function readXlsx(content: Buffer): Promise<FileTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    throw validationError([{ field: 'file', message: `is not a readable XLSX file: ${(error as Error).message}` }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    return { headers: [], rows: [] };
  }
  const width = sheet.columnCount;
  const cellsOf = (row: ExcelJS.Row): string[] => Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value));
  let headers: string[] = [];
  const rows: FileRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (headers.length === 0) {
      headers = uniqueHeaders(cellsOf(row));
    } else {
      const cells = cellsOf(row);
      if (cells.some((c) => c !== '')) {
        rows.push({ row: number, cells });
      }
    }
  });
  return { headers, rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('richText' in value) {
      return value.richText.map((part) => part.text).join('').trim();
    }
    if ('text' in value) {
      return String(value.text).trim();
    }
    if ('result' in value) {
      return cellText(value.result as ExcelJS.CellValue);
    }
    if ('error' in value) {
      return '';
    }
  }
  return String(value).trim();
}

const VCARD_HEADERS = ['Name', 'Email', 'Phone', 'Company', 'Job title', 'Street', 'City', 'Region', 'Postal code', 'Country', 'Website', 'Categories'];

type JCardProperty = [string, Record<string, unknown>, string, ...unknown[]];

/** vCard 3 or 4: one row per card, several e-mails or phones joined with "; ". */
function readVcard(text: string): FileTable {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    throw validationError([{ field: 'file', message: `is not a readable vCard file: ${(error as Error).message}` }]);
  }
  // One card parses to ['vcard', props, comps]; several to a list of those.
  const cards = (Array.isArray(parsed) && parsed[0] === 'vcard' ? [parsed] : (parsed as unknown[])) as [string, JCardProperty[]][];
  const rows = cards.map(([, properties], index): FileRow => {
    const values = (name: string): unknown[] => properties.filter((p) => p[0] === name).map((p) => (p.length > 4 ? p.slice(3) : p[3]));
    const texts = (name: string): string => values(name).map((v) => textOf(v)).filter((v) => v !== '').join('; ');
    const first = (name: string): unknown => values(name)[0];
    const adr = (Array.isArray(first('adr')) ? first('adr') : []) as unknown[];
    const nameParts = first('n');
    const fn = textOf(first('fn')) || (Array.isArray(nameParts) ? [nameParts[1], nameParts[0]].map(textOf).filter(Boolean).join(' ') : '');
    const org = first('org');
    return {
      row: index + 1,
      cells: [
        fn, texts('email'), texts('tel').replace(/^tel:/gi, ''), Array.isArray(org) ? textOf(org[0]) : textOf(org), texts('title'),
        textOf(adr[2]), textOf(adr[3]), textOf(adr[4]), textOf(adr[5]), textOf(adr[6]), texts('url'), texts('categories'),
      ].map((cell) => cell.replace(/(^|; )tel:/gi, '$1')),
    };
  });
  return { headers: VCARD_HEADERS, rows };
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return value.map(textOf).filter((v) => v !== '').join(', ');
  }
  return String(value).trim();
}

/** Header names made unique and non-empty, so a mapping can be keyed by them. */
export function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((header, i) => {
    const base = header.trim() || `Column ${i + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}
