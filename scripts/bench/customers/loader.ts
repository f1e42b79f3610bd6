import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../../server/src/modules/auth/passwords';
import { copyArray, CopyWriter } from './copy-writer';
import {
  activity, companyName, crmFold, digitsOf, email, personName, phoneNumber, pick, Random,
} from './dataset';
import type { BenchOptions } from './options';

/** Bump when the generated data changes shape, so that older loads are not reused. */
const DATASET_VERSION = 2;
const SEED = 20_241_120;
export const BENCH_PASSWORD = 'bench-password-2024';

/** Tables filled by COPY; their indexes and constraints are dropped for the load and built after it. */
const LOADED_TABLES = ['companies', 'contacts', 'contact_points', 'contact_companies', 'activities'];

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 10, 20);
const SPAN = 3 * 365 * DAY;

export interface Dataset {
  contacts: number;
  companies: number;
  activities: number;
  users: number;
  teams: number;
}

export interface LoadReport {
  reused: boolean;
  dataset: Dataset;
  rows: Record<string, number>;
  /** Seconds per phase of the load that built the database (also when it is reused). */
  seconds: Record<string, number>;
  loadedAt: string;
}

export const benchLogins = {
  manager: 'bench.manager',
  lead: (team: number): string => `bench.lead${team + 1}`,
  rep: (n: number): string => `bench.rep${n + 1}`,
};

/**
 * Loads the benchmark database unless it already holds a complete load of the same sizes. The
 * load disables the audit triggers of the loaded tables (it is benchmark data, not history),
 * drops their indexes and constraints, streams every row with COPY, builds the indexes and
 * constraints again, vacuums and analyzes, and checks `search_text` against
 * `contact_search_document` on a sample.
 */
export async function loadDataset(dataSource: DataSource, url: string, options: BenchOptions, log: (line: string) => void): Promise<LoadReport> {
  const dataset: Dataset = {
    contacts: options.contacts, companies: options.companies, activities: options.activities, users: options.users, teams: options.teams,
  };
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS bench`);
  await dataSource.query(`CREATE TABLE IF NOT EXISTS bench.meta (key text PRIMARY KEY, value jsonb NOT NULL)`);
  await dataSource.query(`CREATE TABLE IF NOT EXISTS bench.saved_ddl (position serial PRIMARY KEY, phase smallint NOT NULL, statement text NOT NULL)`);
  await dataSource.query(`CREATE TABLE IF NOT EXISTS bench.heavy_contacts (id uuid PRIMARY KEY)`);
  const [stored] = await dataSource.query(`SELECT value FROM bench.meta WHERE key = 'load'`);
  const previous = stored?.value as (LoadReport & { version: number; seed: number }) | undefined;
  if (!options.reload && previous && previous.version === DATASET_VERSION && previous.seed === SEED && sameDataset(previous.dataset, dataset)) {
    log(`reusing the loaded database (${describe(dataset)}, loaded ${previous.loadedAt}); --reload loads it again`);
    return { ...previous, reused: true };
  }

  const { seconds, timed } = phaseTimer(log);
  log(`loading ${describe(dataset)}`);
  const total = performance.now();
  await dataSource.query(`DELETE FROM bench.meta WHERE key = 'load'`);
  await timed('reset', () => reset(dataSource));
  const users = await timed('users and teams', () => insertUsers(dataSource, dataset));
  await timed('drop indexes', () => dropIndexes(dataSource, LOADED_TABLES));
  const rows = await timed('copy rows', () => copyRows(url, dataset, users));
  await timed('build indexes', () => restoreIndexes(url));
  await setAuditCapture(dataSource, LOADED_TABLES, true);
  await timed('vacuum analyze', () => dataSource.query(`VACUUM (ANALYZE) ${LOADED_TABLES.join(', ')}, users, teams, team_members, user_roles`));
  await timed('check search_text', () => checkSearchText(dataSource));
  seconds.total = (performance.now() - total) / 1000;
  log(`  ${'total'.padEnd(28)} ${seconds.total.toFixed(1)} s`);
  const report: LoadReport = { reused: false, dataset, rows, seconds, loadedAt: new Date().toISOString() };
  await dataSource.query(`INSERT INTO bench.meta (key, value) VALUES ('load', $1)`, [JSON.stringify({ ...report, version: DATASET_VERSION, seed: SEED })]);
  return report;
}

/** Runs the phases of a load, logging and keeping the seconds each took. */
export function phaseTimer(log: (line: string) => void): { seconds: Record<string, number>; timed<T>(phase: string, work: () => Promise<T>): Promise<T> } {
  const seconds: Record<string, number> = {};
  return {
    seconds,
    timed: async (phase, work) => {
      const start = performance.now();
      const result = await work();
      seconds[phase] = (performance.now() - start) / 1000;
      log(`  ${phase.padEnd(28)} ${seconds[phase].toFixed(1)} s`);
      return result;
    },
  };
}

const sameDataset = (a: Dataset, b: Dataset): boolean =>
  a.contacts === b.contacts && a.companies === b.companies && a.activities === b.activities && a.users === b.users && a.teams === b.teams;

const describe = (d: Dataset): string =>
  `${d.contacts.toLocaleString('en')} contacts, ${d.companies.toLocaleString('en')} companies, ` +
  `${d.activities.toLocaleString('en')} activities, ${d.users} users in ${d.teams} teams`;

async function reset(dataSource: DataSource): Promise<void> {
  await dataSource.query(`TRUNCATE ${LOADED_TABLES.join(', ')}, bench.heavy_contacts CASCADE`);
  await dataSource.query(`DELETE FROM teams WHERE name LIKE 'Bench %'`);
  await dataSource.query(`DELETE FROM users WHERE login LIKE 'bench.%'`);
}

interface BenchUsers {
  /** Owners of contacts: sales reps and team leads. */
  owners: string[];
  /** The team index of each owner. */
  ownerTeams: number[];
}

/** One manager, a lead per team and sales reps spread over the teams, all with the same password. */
async function insertUsers(dataSource: DataSource, dataset: Dataset): Promise<BenchUsers> {
  const random = new Random(SEED + 1);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const reps = dataset.users - dataset.teams - 1;
  const people = [
    { login: benchLogins.manager, role: 'manager', team: -1 },
    ...Array.from({ length: dataset.teams }, (_, t) => ({ login: benchLogins.lead(t), role: 'team_lead', team: t })),
    ...Array.from({ length: reps }, (_, r) => ({ login: benchLogins.rep(r), role: 'sales_rep', team: r % dataset.teams })),
  ];
  const ids: { id: string; login: string }[] = await dataSource.query(
    `INSERT INTO users (login, display_name, password_hash, email)
     SELECT login, name, $3, login || '@bench.example.az' FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(login, name, n) ORDER BY n
     RETURNING id, login`,
    [people.map((p) => p.login), people.map(() => personName(random).full), passwordHash],
  );
  const idOf = new Map(ids.map((r) => [r.login, r.id]));
  const userIds = people.map((p) => idOf.get(p.login)!);
  await dataSource.query(
    `INSERT INTO user_roles (user_id, role_id)
     SELECT u.id, r.id FROM unnest($1::uuid[], $2::text[]) AS u(id, role) JOIN roles r ON r.name = u.role`,
    [userIds, people.map((p) => p.role)],
  );
  const created: { id: string; lead_id: string }[] = await dataSource.query(
    `INSERT INTO teams (name, lead_id) SELECT 'Bench ' || n, lead FROM unnest($1::uuid[]) WITH ORDINALITY AS t(lead, n) RETURNING id, lead_id`,
    [userIds.slice(1, 1 + dataset.teams)],
  );
  const teamOfLead = new Map(created.map((t) => [t.lead_id, t.id]));
  const teams = userIds.slice(1, 1 + dataset.teams).map((lead) => ({ id: teamOfLead.get(lead)! }));
  const members = people.map((p, i) => ({ user: userIds[i], team: p.team })).filter((m) => m.team >= 0);
  await dataSource.query(`INSERT INTO team_members (team_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [
    members.map((m) => teams[m.team].id),
    members.map((m) => m.user),
  ]);
  return { owners: members.map((m) => m.user), ownerTeams: members.map((m) => m.team) };
}

/**
 * Saves the definitions of the tables' constraints and indexes (and of foreign keys pointing at
 * them) in bench.saved_ddl, then drops them and stops the tables' audit capture for the load.
 */
export async function dropIndexes(dataSource: DataSource, tables: readonly string[]): Promise<void> {
  const [{ saved }] = await dataSource.query(`SELECT count(*)::int AS saved FROM bench.saved_ddl`);
  // A load that stopped half way left its definitions here: keep them, they are the complete set.
  if (saved === 0) {
    await dataSource.query(
      `INSERT INTO bench.saved_ddl (phase, statement)
       SELECT 1, format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
         FROM pg_constraint c WHERE c.contype IN ('p', 'u') AND c.conrelid = ANY($1::regclass[])
       UNION ALL
       SELECT 2, pg_get_indexdef(i.indexrelid)
         FROM pg_index i WHERE i.indrelid = ANY($1::regclass[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
       UNION ALL
       SELECT 3, format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
         FROM pg_constraint c WHERE c.contype = 'f' AND (c.conrelid = ANY($1::regclass[]) OR c.confrelid = ANY($1::regclass[]))`,
      [tables],
    );
  }
  const drops: { statement: string }[] = await dataSource.query(
    `SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) AS statement, CASE contype WHEN 'f' THEN 1 ELSE 2 END AS phase
       FROM pg_constraint WHERE contype IN ('p', 'u', 'f') AND (conrelid = ANY($1::regclass[]) OR (contype = 'f' AND confrelid = ANY($1::regclass[])))
     UNION ALL
     SELECT format('DROP INDEX %s', i.indexrelid::regclass), 3
       FROM pg_index i WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
     ORDER BY phase`,
    [tables],
  );
  for (const { statement } of drops) {
    await dataSource.query(statement);
  }
  await setAuditCapture(dataSource, tables, false);
}

/** Stops or restarts the audit capture of those of the tables that are audited. */
export async function setAuditCapture(dataSource: DataSource, tables: readonly string[], enabled: boolean): Promise<void> {
  const audited: { table: string }[] = await dataSource.query(
    `SELECT DISTINCT tgrelid::regclass::text AS table FROM pg_trigger WHERE tgname = 'audit' AND tgrelid = ANY($1::regclass[])`, [tables],
  );
  for (const { table } of audited) {
    await dataSource.query(`ALTER TABLE ${table} ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER audit`);
  }
}

/** Builds the saved constraints and indexes again, two at a time (one per core), phase by phase. */
export async function restoreIndexes(url: string): Promise<void> {
  const clients = await Promise.all([0, 1].map(async () => {
    const client = new Client({ connectionString: url, application_name: 'crm-bench-index' });
    await client.connect();
    await client.query(`SET maintenance_work_mem = '1GB'`);
    return client;
  }));
  try {
    const { rows } = await clients[0].query<{ position: number; phase: number; statement: string }>(`SELECT * FROM bench.saved_ddl ORDER BY phase, position`);
    for (const phase of [1, 2, 3]) {
      // The biggest builds first, so that the two connections finish together.
      const queue = rows.filter((r) => r.phase === phase).sort((a, b) => cost(b.statement) - cost(a.statement));
      await Promise.all(clients.map(async (client) => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          await client.query(next.statement);
        }
      }));
    }
    await clients[0].query(`DELETE FROM bench.saved_ddl`);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

const cost = (statement: string): number =>
  (statement.includes('gin') ? 10 : 1) * (statement.includes('activities') ? 5 : statement.includes('contact') ? 2 : 1);

interface ContactFacts {
  ids: string[];
  owners: Uint16Array;
  companies: Int32Array;
}

async function copyRows(url: string, dataset: Dataset, users: BenchUsers): Promise<Record<string, number>> {
  const random = new Random(SEED);
  const companyIds = Array.from({ length: dataset.companies }, () => randomUUID());
  const companyNames = await copyCompanies(url, random, companyIds, users);
  const facts = await copyContacts(url, random, dataset, users, companyIds, companyNames);
  const activities = await copyActivities(url, random, dataset, users, facts, companyIds);
  const counts = { companies: companyIds.length, contacts: facts.ids.length, activities };
  return { ...counts, ...facts.counts };
}

async function copyCompanies(url: string, random: Random, ids: string[], users: BenchUsers): Promise<string[]> {
  const writer = await CopyWriter.open(url, 'companies', [
    'id', 'name', 'legal_form', 'tax_id', 'industry', 'owner_id', 'lifecycle', 'source', 'tags', 'created_at', 'updated_at', 'search_text',
  ]);
  const names: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const name = companyName(random, i);
    const legalForm = name.slice(name.lastIndexOf(' ') + 1);
    const taxId = String(1_400_000_000 + i);
    const created = NOW - random.int(SPAN);
    names.push(name);
    await writer.row([
      ids[i], name, legalForm, taxId, pick.industry(random), random.pick(users.owners), pick.lifecycle(random), pick.source(random),
      copyArray(pick.tags(random)), new Date(created), new Date(created + random.int(NOW - created)),
      // company_search_document: name, tax id (website, e-mail, phone and contact points are empty here).
      crmFold(`${name} ${taxId}`),
    ]);
  }
  await writer.end();
  return names;
}

async function copyContacts(
  url: string, random: Random, dataset: Dataset, users: BenchUsers, companyIds: string[], companyNames: string[],
): Promise<ContactFacts & { counts: Record<string, number> }> {
  const [contacts, points, links] = await Promise.all([
    CopyWriter.open(url, 'contacts', [
      'id', 'name', 'email', 'phone', 'owner_id', 'tags', 'source', 'lifecycle', 'email_consent', 'sms_consent',
      'last_contacted_at', 'created_at', 'updated_at', 'search_text',
    ]),
    CopyWriter.open(url, 'contact_points', ['contact_id', 'kind', 'value', 'label', 'is_primary', 'position', 'created_at']),
    CopyWriter.open(url, 'contact_companies', ['contact_id', 'company_id', 'job_title', 'is_primary', 'created_at']),
  ]);
  const facts: ContactFacts = {
    ids: new Array<string>(dataset.contacts),
    owners: new Uint16Array(dataset.contacts),
    companies: new Int32Array(dataset.contacts).fill(-1),
  };
  for (let i = 0; i < dataset.contacts; i++) {
    const id = randomUUID();
    const name = personName(random);
    const owner = random.int(users.owners.length);
    const phones = [phoneNumber(i, 0), ...(random.chance(0.3) ? [phoneNumber(i, 1)] : [])];
    const mail = random.chance(0.8) ? email(name, i, random) : null;
    const company = companyIds.length > 0 && random.chance(0.7) ? random.int(companyIds.length) : -1;
    const created = new Date(NOW - random.int(SPAN));
    const updated = new Date(created.getTime() + random.int(NOW - created.getTime()));
    facts.ids[i] = id;
    facts.owners[i] = owner;
    facts.companies[i] = company;

    // contact_search_document(id): name, primary e-mail and phone (also as digits), the contact
    // points by position (phones also as digits) and the linked companies' names, folded.
    const pointValues = [...phones.map((p) => `${p} ${digitsOf(p)}`), ...(mail ? [mail] : [])];
    const document = [name.full, mail, phones[0], digitsOf(phones[0]), pointValues.join(' '), company >= 0 ? companyNames[company] : null]
      .filter((part) => part !== null)
      .join(' ');
    await contacts.row([
      id, name.full, mail, phones[0], users.owners[owner], copyArray(pick.tags(random)), pick.source(random), pick.lifecycle(random),
      mail !== null && random.chance(0.5), random.chance(0.4), random.chance(0.6) ? updated : null, created, updated, crmFold(document),
    ]);
    for (let p = 0; p < phones.length; p++) {
      await points.row([id, 'phone', phones[p], p === 0 ? 'mobile' : 'work', p === 0, p, created]);
    }
    if (mail) {
      await points.row([id, 'email', mail, null, true, phones.length, created]);
    }
    if (company >= 0) {
      await links.row([id, companyIds[company], random.chance(0.5) ? 'Satış meneceri' : null, true, created]);
    }
  }
  const [, pointRows, linkRows] = await Promise.all([contacts.end(), points.end(), links.end()]);
  return { ...facts, counts: { contact_points: pointRows, contact_companies: linkRows } };
}

/**
 * Activities skewed over contacts: every 200th contact is a heavy one sharing 30 % of all
 * activities (hundreds each at the default sizes); the others get an exponential share of the rest.
 */
async function copyActivities(url: string, random: Random, dataset: Dataset, users: BenchUsers, facts: ContactFacts, companyIds: string[]): Promise<number> {
  const writer = await CopyWriter.open(url, 'activities', [
    'kind', 'occurred_at', 'subject', 'body', 'direction', 'duration_seconds', 'outcome', 'contact_id', 'company_id', 'owner_id',
    'created_at', 'updated_at', 'created_by',
  ]);
  const heavy: string[] = [];
  const heavyCount = Math.max(1, Math.floor(dataset.contacts / 200));
  const heavyMean = (0.3 * dataset.activities) / heavyCount;
  const lightMean = (0.7 * dataset.activities) / Math.max(1, dataset.contacts - heavyCount);
  let written = 0;
  for (let i = 0; i < dataset.contacts && written < dataset.activities; i++) {
    const isHeavy = i % 200 === 0;
    const count = Math.min(
      dataset.activities - written,
      isHeavy ? Math.round(heavyMean * (0.4 + 1.2 * random.next())) : Math.round(-Math.log(1 - random.next()) * lightMean),
    );
    if (isHeavy) {
      heavy.push(facts.ids[i]);
    }
    const contactOwner = facts.owners[i];
    for (let a = 0; a < count; a++) {
      const fields = activity(random);
      const owner = random.chance(0.9) ? contactOwner : random.int(users.owners.length);
      const occurred = new Date(NOW - random.int(SPAN));
      const company = facts.companies[i] >= 0 && random.chance(0.2) ? companyIds[facts.companies[i]] : null;
      await writer.row([
        fields.kind, occurred, fields.subject, fields.body, fields.direction, fields.durationSeconds, fields.outcome, facts.ids[i], company,
        users.owners[owner], occurred, occurred, users.owners[owner],
      ]);
    }
    written += count;
  }
  const rows = await writer.end();
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`INSERT INTO bench.heavy_contacts (id) SELECT unnest($1::uuid[])`, [heavy]);
  await client.end();
  return rows;
}

/** The loader computes search_text itself; it must equal what the database's own function makes. */
async function checkSearchText(dataSource: DataSource): Promise<void> {
  const [{ checked, different }] = await dataSource.query(
    `SELECT count(*)::int AS checked, count(*) FILTER (WHERE c.search_text IS DISTINCT FROM contact_search_document(c.id))::int AS different
       FROM contacts c TABLESAMPLE BERNOULLI (0.5) REPEATABLE (7)`,
  );
  const [{ companiesDifferent }] = await dataSource.query(
    `SELECT count(*) FILTER (WHERE co.search_text IS DISTINCT FROM company_search_document(co.id))::int AS "companiesDifferent"
       FROM companies co TABLESAMPLE BERNOULLI (1) REPEATABLE (7)`,
  );
  if (different > 0 || companiesDifferent > 0) {
    throw new Error(`search_text differs from contact_search_document for ${different} of ${checked} sampled contacts (${companiesDifferent} companies)`);
  }
}
