import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { copyArray, CopyWriter } from './copy-writer';
import { crmFold, pick, Random } from './dataset';
import { benchLogins, dropIndexes, LoadReport, phaseTimer, restoreIndexes, setAuditCapture } from './loader';
import type { BenchOptions } from './options';

/** Bump when the generated sales data changes shape, so that older loads are not reused. */
const SALES_VERSION = 2;
const SEED = 20_261_123;

/** Tables filled by COPY here; the stage history trigger is off during the load, the loader writes the history itself. */
const SALES_TABLES = ['deals', 'deal_stage_history', 'tasks'];

export const BOARD_PIPELINE = 'Bench board';
/** The sales rep whose My day is measured: 2,000 open tasks around today. */
export const busyRep = (): string => benchLogins.rep(0);

const DAY = 86_400_000;
const CURRENCY = 'AZN';
const DEAL_TITLES = [
  'Ofis mebeli tədarükü', 'Server avadanlığı', 'İllik xidmət müqaviləsi', 'Yıllık bakım anlaşması', 'Lisans yenileme',
  'Anbar proqramı', 'Kassa sistemləri', 'Eğitim paketi', 'Korporativ paket', 'Logistika xidməti',
];
const TASK_TITLES = ['Zəng et: təklif', 'Müqaviləni göndər', 'Teklifi takip et', 'Görüş: təqdimat', 'Ödənişi yoxla', 'Toplantı: bütçe'];

export interface SalesDataset {
  deals: number;
  tasks: number;
  boardDeals: number;
  busyTasks: number;
}

export interface SalesLoadReport {
  reused: boolean;
  dataset: SalesDataset;
  rows: Record<string, number>;
  seconds: Record<string, number>;
  loadedAt: string;
  /** The customers load these deals and tasks point into; a new customers load means a new sales load. */
  customersLoadedAt: string;
}

interface Stage {
  id: string;
  pipelineId: string;
  kind: 'open' | 'won' | 'lost';
}

interface Owners {
  ids: string[];
  busy: string;
  /** Everyone but the busy rep. */
  others: string[];
}

/**
 * Loads the deals and tasks of the benchmark on top of the customers load: `boardDeals` open
 * deals (plus closed ones) in a pipeline of their own, the board that is measured; the rest of the
 * deals in the default pipeline, 40 % open; `tasks` tasks, meetings and calls, 90 % of them done,
 * and `busyTasks` open ones around today for one sales rep, whose My day is measured. Times of
 * tasks are relative to the load, so an old load's "today" drifts: `--reload` loads it again.
 */
export async function loadSales(
  dataSource: DataSource, url: string, options: BenchOptions, customers: LoadReport, log: (line: string) => void,
): Promise<SalesLoadReport> {
  const dataset: SalesDataset = { deals: options.deals, tasks: options.tasks, boardDeals: options.boardDeals, busyTasks: options.busyTasks };
  const [stored] = await dataSource.query(`SELECT value FROM bench.meta WHERE key = 'sales'`);
  const previous = stored?.value as (SalesLoadReport & { version: number; seed: number }) | undefined;
  if (
    !options.reload && previous && previous.version === SALES_VERSION && previous.seed === SEED &&
    previous.customersLoadedAt === customers.loadedAt && sameDataset(previous.dataset, dataset)
  ) {
    log(`reusing the loaded deals and tasks (${describe(dataset)}, loaded ${previous.loadedAt})`);
    return { ...previous, reused: true };
  }
  const { seconds, timed } = phaseTimer(log);
  log(`loading ${describe(dataset)}`);
  const total = performance.now();
  await dataSource.query(`DELETE FROM bench.meta WHERE key = 'sales'`);
  await timed('drop sales indexes', async () => {
    await dropIndexes(dataSource, SALES_TABLES);
    await dataSource.query(`ALTER TABLE deals DISABLE TRIGGER stage_history`);
    await dataSource.query(`TRUNCATE ${SALES_TABLES.join(', ')}, deal_line_items, task_participants, notifications`);
    await dataSource.query(`DELETE FROM pipelines WHERE name = $1`, [BOARD_PIPELINE]);
  });
  const stages = await timed('board pipeline', () => boardPipeline(dataSource));
  const owners = await benchOwners(dataSource);
  const rows = await timed('copy deals and tasks', () => copySales(dataSource, url, dataset, stages, owners));
  await timed('build sales indexes', () => restoreIndexes(url));
  await dataSource.query(`ALTER TABLE deals ENABLE TRIGGER stage_history`);
  await setAuditCapture(dataSource, SALES_TABLES, true);
  await timed('vacuum analyze', () => dataSource.query(`VACUUM (ANALYZE) ${SALES_TABLES.join(', ')}, pipelines, pipeline_stages`));
  await timed('check search_text', () => checkSearchText(dataSource));
  seconds.total = (performance.now() - total) / 1000;
  log(`  ${'total'.padEnd(28)} ${seconds.total.toFixed(1)} s`);
  const report: SalesLoadReport = {
    reused: false, dataset, rows, seconds, loadedAt: new Date().toISOString(), customersLoadedAt: customers.loadedAt,
  };
  await dataSource.query(`INSERT INTO bench.meta (key, value) VALUES ('sales', $1)`, [JSON.stringify({ ...report, version: SALES_VERSION, seed: SEED })]);
  return report;
}

// Field by field: jsonb keeps an object's keys in its own order.
const sameDataset = (a: SalesDataset, b: SalesDataset): boolean =>
  a.deals === b.deals && a.tasks === b.tasks && a.boardDeals === b.boardDeals && a.busyTasks === b.busyTasks;

const describe = (d: SalesDataset): string =>
  `${d.deals.toLocaleString('en')} deals (${d.boardDeals.toLocaleString('en')} open on the board), ` +
  `${d.tasks.toLocaleString('en')} tasks (${d.busyTasks.toLocaleString('en')} open for one rep)`;

/** A pipeline like the default one, for the measured board; returns the stages of both pipelines. */
async function boardPipeline(dataSource: DataSource): Promise<{ board: Stage[]; main: Stage[] }> {
  const [main] = await dataSource.query(`SELECT id FROM pipelines WHERE name <> $1 ORDER BY position, created_at LIMIT 1`, [BOARD_PIPELINE]);
  const [board] = await dataSource.query(`INSERT INTO pipelines (name, position) VALUES ($1, 99) RETURNING id`, [BOARD_PIPELINE]);
  await dataSource.query(
    `INSERT INTO pipeline_stages (pipeline_id, name, labels, position, probability, kind)
     SELECT $1, name, labels, position, probability, kind FROM pipeline_stages WHERE pipeline_id = $2`,
    [board.id, main.id],
  );
  const stagesOf = async (pipelineId: string): Promise<Stage[]> =>
    (await dataSource.query(`SELECT id, kind FROM pipeline_stages WHERE pipeline_id = $1 ORDER BY position`, [pipelineId]))
      .map((s: { id: string; kind: Stage['kind'] }) => ({ id: s.id, kind: s.kind, pipelineId }));
  return { board: await stagesOf(board.id), main: await stagesOf(main.id) };
}

async function benchOwners(dataSource: DataSource): Promise<Owners> {
  const rows: { id: string; login: string }[] = await dataSource.query(
    `SELECT u.id, u.login FROM users u WHERE u.login LIKE 'bench.%' AND u.login <> $1 ORDER BY u.login`, [benchLogins.manager],
  );
  const busy = rows.find((r) => r.login === busyRep())!.id;
  return { ids: rows.map((r) => r.id), busy, others: rows.map((r) => r.id).filter((id) => id !== busy) };
}

interface Named {
  id: string;
  name: string;
}

async function copySales(
  dataSource: DataSource, url: string, dataset: SalesDataset, stages: { board: Stage[]; main: Stage[] }, owners: Owners,
): Promise<Record<string, number>> {
  const random = new Random(SEED);
  // Deals point at a sample of contacts and companies (names for the search document).
  const contacts: Named[] = await dataSource.query(`SELECT id, name FROM contacts TABLESAMPLE SYSTEM (20) REPEATABLE (3) LIMIT 200000`);
  const companies: Named[] = await dataSource.query(`SELECT id, name FROM companies TABLESAMPLE SYSTEM (50) REPEATABLE (3) LIMIT 100000`);
  const [reason] = await dataSource.query(`SELECT id FROM lost_reasons ORDER BY position LIMIT 1`);
  const now = Date.now();
  const [deals, history, tasks] = await Promise.all([
    CopyWriter.open(url, 'deals', [
      'id', 'title', 'amount', 'currency', 'expected_close_date', 'pipeline_id', 'stage_id', 'stage_entered_at', 'contact_id', 'company_id',
      'source', 'lost_reason_id', 'closed_at', 'tags', 'last_contacted_at', 'owner_id', 'search_text', 'created_at', 'updated_at', 'created_by',
    ]),
    CopyWriter.open(url, 'deal_stage_history', ['deal_id', 'pipeline_id', 'stage_id', 'entered_at', 'entered_by']),
    CopyWriter.open(url, 'tasks', [
      'kind', 'title', 'due_at', 'ends_at', 'priority', 'status', 'completed_at', 'contact_id', 'deal_id', 'owner_id',
      'created_at', 'updated_at', 'created_by',
    ]),
  ]);
  const openBoard = stages.board.filter((s) => s.kind === 'open');
  const openMain = stages.main.filter((s) => s.kind === 'open');
  const closed = (list: Stage[], kind: 'won' | 'lost'): Stage => list.find((s) => s.kind === kind)!;
  const dealIds: string[] = [];
  const dealOwners: string[] = [];
  const boardClosed = Math.round(dataset.boardDeals * 0.2);
  for (let i = 0; i < dataset.deals; i++) {
    const onBoard = i < dataset.boardDeals + boardClosed;
    const isOpen = onBoard ? i < dataset.boardDeals : random.chance(0.4);
    const list = onBoard ? stages.board : stages.main;
    const stage = isOpen ? random.pick(onBoard ? openBoard : openMain) : closed(list, random.chance(0.45) ? 'won' : 'lost');
    const id = randomUUID();
    const owner = random.pick(owners.ids);
    const contact = random.chance(0.8) ? random.pick(contacts) : null;
    const company = random.chance(0.6) ? random.pick(companies) : null;
    const created = now - (30 + random.int(700)) * DAY;
    const entered = created + random.int(now - created);
    const updated = entered + random.int(now - entered);
    const title = `${random.pick(DEAL_TITLES)} ${i % 1000}`;
    const closeDate = new Date(isOpen ? now + (random.int(120) - 20) * DAY : entered);
    dealIds.push(id);
    dealOwners.push(owner);
    await deals.row([
      id, title, (500 + random.int(200_000)).toFixed(2), CURRENCY, closeDate.toISOString().slice(0, 10), stage.pipelineId, stage.id,
      new Date(entered), contact?.id, company?.id, pick.source(random), stage.kind === 'lost' ? reason.id : null,
      isOpen ? null : new Date(entered), copyArray(pick.tags(random)), random.chance(0.7) ? new Date(updated) : null, owner,
      // deal_search_document: title, contact name, company name, folded.
      crmFold([title, contact?.name, company?.name].filter(Boolean).join(' ')), new Date(created), new Date(updated), owner,
    ]);
    await history.row([id, stage.pipelineId, stage.id, new Date(entered), owner]);
  }
  for (let i = 0; i < dataset.tasks; i++) {
    const busy = i < dataset.busyTasks;
    // The busy rep has exactly `busyTasks` open ones; the others' open tasks spread over the other owners.
    const owner = busy ? owners.busy : random.pick(owners.others);
    const kind = random.chance(0.7) ? 'task' : random.chance(0.67) ? 'meeting' : 'call';
    const open = busy || random.chance(0.1);
    // Open ones from three weeks ago (overdue) to six weeks ahead; done ones in the last two years.
    const due = open ? now + (random.next() * 63 - 21) * DAY : now - random.next() * 730 * DAY;
    const deal = random.chance(0.2) ? random.int(dealIds.length) : -1;
    await tasks.row([
      kind, random.pick(TASK_TITLES), new Date(due), kind === 'task' ? null : new Date(due + 3_600_000), random.chance(0.2) ? 'high' : 'normal',
      open ? 'open' : 'done', open ? null : new Date(due), random.chance(0.6) ? random.pick(contacts).id : null,
      deal >= 0 ? dealIds[deal] : null, !busy && deal >= 0 && dealOwners[deal] !== owners.busy && random.chance(0.8) ? dealOwners[deal] : owner, new Date(due - 7 * DAY), new Date(due - DAY), owner,
    ]);
  }
  const [dealRows, historyRows, taskRows] = await Promise.all([deals.end(), history.end(), tasks.end()]);
  return { deals: dealRows, deal_stage_history: historyRows, tasks: taskRows };
}

/** The loader computes the deals' search_text itself; it must equal what the database's own function makes. */
async function checkSearchText(dataSource: DataSource): Promise<void> {
  const [{ checked, different }] = await dataSource.query(
    `SELECT count(*)::int AS checked, count(*) FILTER (WHERE d.search_text IS DISTINCT FROM deal_search_document(d.id))::int AS different
       FROM deals d TABLESAMPLE BERNOULLI (1) REPEATABLE (7)`,
  );
  if (different > 0) {
    throw new Error(`search_text differs from deal_search_document for ${different} of ${checked} sampled deals`);
  }
}
