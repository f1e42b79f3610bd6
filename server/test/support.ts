import type { ChildProcess } from 'node:child_process';
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

/** Waits until a server process started for a test answers `url` (its /health/ready); fails when it exits first. */
export async function waitUntilReady(url: string, server: ChildProcess, seconds = 120): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`the server for ${url} exited with code ${server.exitCode}`);
    }
    if (await fetch(url).then((r) => r.ok, () => false)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not become ready in ${seconds} s`);
}

/**
 * Sends `count` sign-ins at once: each settles as its HTTP status, or as the network error code
 * (`ECONNREFUSED`: refused before the server had it; `UND_ERR_SOCKET`: cut off while it had it).
 */
export function signInsInFlight(base: string, login: string, password: string, count: number): Promise<string>[] {
  return Array.from({ length: count }, () =>
    fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) }).then(
      (response) => String(response.status),
      (error: { cause?: { code?: string } }) => error.cause?.code ?? 'failed',
    ),
  );
}

/** Polls `probe` until it returns something defined (a state, not a time, is asserted afterwards). */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}
