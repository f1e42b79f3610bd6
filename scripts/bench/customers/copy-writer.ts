import { once } from 'node:events';
import { Client } from 'pg';
import { from as copyFrom, CopyStreamQuery } from 'pg-copy-streams';

const CHUNK = 256 * 1024;

/** A value in COPY text format. */
export function copyValue(value: string | number | boolean | Date | null | undefined): string {
  if (value === null || value === undefined) {
    return '\\N';
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'string') {
    return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
  }
  return String(value);
}

/** A text-format array literal of simple words (no quotes or commas in them). */
export const copyArray = (items: string[]): string => `{${items.join(',')}}`;

/** Streams rows into `COPY table (columns) FROM STDIN` on its own connection, with back-pressure. */
export class CopyWriter {
  rows = 0;
  private buffer = '';
  private constructor(
    private readonly client: Client,
    private readonly stream: CopyStreamQuery,
  ) {}

  static async open(url: string, table: string, columns: string[]): Promise<CopyWriter> {
    const client = new Client({ connectionString: url, application_name: 'crm-bench-load' });
    await client.connect();
    await client.query(`SET synchronous_commit = off`);
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    return new CopyWriter(client, stream);
  }

  /** Adds one row; resolves at once unless the server is behind. */
  async row(values: (string | number | boolean | Date | null | undefined)[]): Promise<void> {
    this.buffer += values.map(copyValue).join('\t') + '\n';
    this.rows++;
    if (this.buffer.length >= CHUNK) {
      await this.flush();
    }
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk && !this.stream.write(chunk)) {
      await once(this.stream, 'drain');
    }
  }

  async end(): Promise<number> {
    await this.flush();
    const finished = once(this.stream, 'finish');
    this.stream.end();
    await finished;
    await this.client.end();
    return this.rows;
  }
}
