import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ActorLoader } from '../../../server/src/modules/auth/actor.loader';
import type { AppAbility } from '../../../server/src/modules/permissions/ability';
import { openBenchDatabase } from './database';
import { BENCH_PASSWORD, benchLogins, loadDataset } from './loader';
import { parseOptions } from './options';
import { loadSales } from './sales-loader';
import { Latency, measure } from './runner';
import { BenchUser, CapturedQuery, SCENARIOS, ScenarioContext } from './scenarios';
import { HttpClient, startServer } from './server';

/**
 * The customers benchmark: loads (or reuses) a database of a million contacts, starts the built
 * server on it, and measures each scenario through the API and, with the same concurrency, the
 * SQL the API runs for it directly through `pg`.
 *
 *   npm run bench:customers -- --contacts 1000000 --companies 200000 --activities 5000000 --deals 500000 --tasks 1000000
 */
const SERVER_POOL_SIZE = 5; // CRM_DB_POOL_SIZE default: the SQL side gets the same number of connections

interface Result {
  scenario: string;
  role: string;
  api?: Latency;
  sql: Latency;
  note?: string;
}

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const database = await openBenchDatabase(options, log);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let http: HttpClient | undefined;
  const pool = new Pool({ connectionString: database.url, max: SERVER_POOL_SIZE, application_name: 'crm-bench-sql' });
  pool.on('error', () => undefined); // an idle connection closed by the server at shutdown
  try {
    const [{ version }] = await database.dataSource.query(`SELECT current_setting('server_version') AS version`);
    log(`PostgreSQL ${version}`);
    const load = await loadDataset(database.dataSource, database.url, options, log);
    if (load.reused) {
      log(`load times of that database: ${Object.entries(load.seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
    }
    const sales = await loadSales(database.dataSource, database.url, options, load, log);
    if (sales.reused) {
      log(`load times of the deals and tasks: ${Object.entries(sales.seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
    }
    log(`rows: ${Object.entries({ ...load.rows, ...sales.rows }).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}`);
    if (options.loadOnly) {
      return;
    }
    server = await startServer(database.url, options.serverPort, options.dataDir);
    log(`server on port ${server.port} (log: ${server.logFile})`);
    http = new HttpClient(server.port, options.concurrency);
    const context = scenarioContext(database.dataSource, http);
    const users = await benchUsers(context);
    const results: Result[] = [];
    const scenarios = SCENARIOS.filter((s) => options.only.length === 0 || options.only.some((o) => s.name.includes(o)));
    const settings = { requests: options.requests, warmup: options.warmup, concurrency: options.concurrency };
    log(
      `\n${settings.requests} requests per row after ${settings.warmup} warm-up, ${settings.concurrency} in flight, keep-alive; ` +
        `SQL: the repository's statements through pg with ${SERVER_POOL_SIZE} connections (the user's roles and teams come from the ` +
        `server's ActorCache, read once per user while the auth change stamp stands)\n`,
    );
    log(header());
    for (const scenario of scenarios) {
      for (const user of users) {
        const prepared = await scenario.prepare(context, user);
        if (options.explain) {
          await explain(pool, `${scenario.name} (${user.role})`, prepared.calls[0].queries);
        }
        const runSql = (calls: CapturedQuery[][]) => (i: number): Promise<void> => runQueries(pool, calls[i % calls.length]);
        const sql = await measure(runSql(prepared.calls.map((c) => c.queries)), settings);
        const api = await measure(async (i) => {
          const call = prepared.calls[i % prepared.calls.length];
          const res = await http!.send('GET', call.path, { authorization: `Bearer ${user.token}` });
          if (res.status !== 200) {
            throw new Error(`${call.path} answered ${res.status}: ${res.body.slice(0, 300)}`);
          }
        }, settings);
        results.push({ scenario: scenario.name, role: user.role, api, sql, note: prepared.note });
        log(row(results[results.length - 1]));
        if (prepared.sqlOnly) {
          if (options.explain) {
            await explain(pool, `${prepared.sqlOnly.label} (${user.role})`, prepared.sqlOnly.calls[0]);
          }
          const only = await measure(runSql(prepared.sqlOnly.calls), settings);
          results.push({ scenario: prepared.sqlOnly.label, role: user.role, sql: only });
          log(row(results[results.length - 1]));
        }
      }
    }
    const failed = results.filter((r) => r.api && !meetsTarget(r.api, r.sql));
    log(`\ntarget: API p99 <= 2 × SQL p99 + 5 ms and API p99 < 100 ms — ${failed.length === 0 ? 'met by every row' : `missed by ${failed.length} row(s)`}`);
    const file = join(resolve(options.dataDir), `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ options, load, sales, loadavg: loadavg(), results }, null, 2));
    log(`results: ${file}`);
  } finally {
    http?.close();
    await server?.stop();
    await pool.end();
    await database.close();
  }
}

/** The measured users, their abilities built as the auth guard builds them (ActorLoader), and their sign-in tokens. */
async function benchUsers(context: ScenarioContext): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  for (const [role, login] of [['sales rep', benchLogins.rep(0)], ['team lead', benchLogins.lead(0)], ['manager', benchLogins.manager]]) {
    const [{ id }] = await context.dataSource.query(`SELECT id FROM users WHERE login = $1`, [login]);
    const ability: AppAbility | undefined = (await new ActorLoader(context.dataSource).load(id, { ip: null, requestId: null }))?.ability;
    users.push({ role, login, id, ability: ability!, token: await context.http.signIn(login, BENCH_PASSWORD) });
  }
  return users;
}

function scenarioContext(dataSource: DataSource, http: HttpClient): ScenarioContext {
  return {
    dataSource,
    http,
    capture: async (work) => {
      const captured: CapturedQuery[] = [];
      const recording = new Proxy(dataSource, {
        get(target, property, receiver) {
          if (property === 'query') {
            return (sql: string, params: unknown[] = []) => {
              captured.push({ sql, params });
              return target.query(sql, params);
            };
          }
          return Reflect.get(target, property, receiver) as unknown;
        },
      });
      await work(recording);
      return captured;
    },
  };
}

async function runQueries(pool: Pool, queries: CapturedQuery[]): Promise<void> {
  for (const query of queries) {
    await pool.query(query.sql, query.params);
  }
}

async function explain(pool: Pool, title: string, queries: CapturedQuery[]): Promise<void> {
  for (const query of queries) {
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
    log(`\n--- ${title}\n${query.sql.trim()}\n-- params ${JSON.stringify(query.params)}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n`);
  }
}

const meetsTarget = (api: Latency, sql: Latency): boolean => api.p99 <= 2 * sql.p99 + 5 && api.p99 < 100;

const ms = (value: number): string => value.toFixed(1).padStart(7);

function header(): string {
  return `${'scenario'.padEnd(38)}${'role'.padEnd(11)}${'API p50'.padStart(8)}${'API p99'.padStart(8)}${'SQL p50'.padStart(8)}${'SQL p99'.padStart(8)}${'ratio'.padStart(7)}  target`;
}

function row(result: Result): string {
  const { api, sql } = result;
  const start = `${result.scenario.padEnd(38)}${result.role.padEnd(11)}`;
  if (!api) {
    return `${start}${'—'.padStart(8)}${'—'.padStart(8)} ${ms(sql.p50)} ${ms(sql.p99)}${'—'.padStart(7)}  (SQL only)`;
  }
  const ratio = (api.p99 / sql.p99).toFixed(2).padStart(7);
  return `${start} ${ms(api.p50)} ${ms(api.p99)} ${ms(sql.p50)} ${ms(sql.p99)}${ratio}  ${meetsTarget(api, sql) ? 'ok' : 'MISSED'}${result.note ? `  (${result.note})` : ''}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
