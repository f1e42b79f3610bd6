import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { runCli } from '../src/cli/run-cli';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the `crm` command line in this process, with its output captured. */
export async function crm(argv: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: stdin === undefined ? undefined : Readable.from([Buffer.from(stdin)]),
  });
  return { code, stdout, stderr };
}

/** Row count and an MD5 of all rows per table (every table of the CRM's schemas by default), to compare two databases. */
export async function tableChecksums(dataSource: DataSource, tables?: string[]): Promise<Record<string, { rows: number; md5: string }>> {
  const names = tables ?? (await dataSource.query(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND n.nspname IN ('public', 'audit') AND c.relname <> 'schema_migrations' ORDER BY 1`,
  )).map((row: { name: string }) => row.name);
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const table of names) {
    const [row] = await dataSource.query(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5 FROM ${table} t`);
    result[table] = row;
  }
  return result;
}
