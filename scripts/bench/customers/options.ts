/** Settings of the customers benchmark: flags win over environment variables, which win over defaults. */
export interface BenchOptions {
  contacts: number;
  companies: number;
  activities: number;
  /** Deals in all, of which `boardDeals` open ones in the measured board's pipeline. */
  deals: number;
  boardDeals: number;
  /** Tasks in all, of which `busyTasks` open ones for the sales rep whose My day is measured. */
  tasks: number;
  busyTasks: number;
  /** Users owning the data: one manager, `teams` team leads and sales reps for the rest. */
  users: number;
  teams: number;
  /** Requests measured per scenario and role, after `warmup` unmeasured ones. */
  requests: number;
  warmup: number;
  concurrency: number;
  /** Only these scenarios (names or name fragments); all when empty. */
  only: string[];
  /** Reload even when the database already holds these sizes. */
  reload: boolean;
  /** Load (or check) the data and stop without measuring. */
  loadOnly: boolean;
  /** Print the captured SQL of each scenario and its plan. */
  explain: boolean;
  databaseUrl?: string;
  pgPort: number;
  serverPort: number;
  dataDir: string;
}

const FLAGS: Record<string, { key: keyof BenchOptions; env: string; kind: 'int' | 'bool' | 'list' }> = {
  '--contacts': { key: 'contacts', env: 'BENCH_CONTACTS', kind: 'int' },
  '--companies': { key: 'companies', env: 'BENCH_COMPANIES', kind: 'int' },
  '--activities': { key: 'activities', env: 'BENCH_ACTIVITIES', kind: 'int' },
  '--deals': { key: 'deals', env: 'BENCH_DEALS', kind: 'int' },
  '--board-deals': { key: 'boardDeals', env: 'BENCH_BOARD_DEALS', kind: 'int' },
  '--tasks': { key: 'tasks', env: 'BENCH_TASKS', kind: 'int' },
  '--busy-tasks': { key: 'busyTasks', env: 'BENCH_BUSY_TASKS', kind: 'int' },
  '--users': { key: 'users', env: 'BENCH_USERS', kind: 'int' },
  '--teams': { key: 'teams', env: 'BENCH_TEAMS', kind: 'int' },
  '--requests': { key: 'requests', env: 'BENCH_REQUESTS', kind: 'int' },
  '--warmup': { key: 'warmup', env: 'BENCH_WARMUP', kind: 'int' },
  '--concurrency': { key: 'concurrency', env: 'BENCH_CONCURRENCY', kind: 'int' },
  '--only': { key: 'only', env: 'BENCH_ONLY', kind: 'list' },
  '--reload': { key: 'reload', env: 'BENCH_RELOAD', kind: 'bool' },
  '--load-only': { key: 'loadOnly', env: 'BENCH_LOAD_ONLY', kind: 'bool' },
  '--explain': { key: 'explain', env: 'BENCH_EXPLAIN', kind: 'bool' },
};

export const USAGE = `npm run bench:customers -- [--contacts 1000000] [--companies 200000] [--activities 5000000]
  [--deals 500000] [--board-deals 10000] [--tasks 1000000] [--busy-tasks 2000] [--users 60] [--teams 10] [--requests 2000] [--warmup 200] [--concurrency 8] [--only list,search]
  [--reload] [--load-only] [--explain]
Environment: BENCH_DATABASE_URL (else an embedded PostgreSQL in data/bench on BENCH_PG_PORT, default 54391),
BENCH_PORT (server, default 3391), and BENCH_<FLAG> for each flag (BENCH_CONTACTS=…).`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const options: BenchOptions = {
    contacts: 1_000_000,
    companies: 200_000,
    activities: 5_000_000,
    deals: 500_000,
    boardDeals: 10_000,
    tasks: 1_000_000,
    busyTasks: 2_000,
    users: 60,
    teams: 10,
    requests: 2_000,
    warmup: 200,
    concurrency: 8,
    only: [],
    reload: false,
    loadOnly: false,
    explain: false,
    databaseUrl: env.BENCH_DATABASE_URL || undefined,
    pgPort: Number(env.BENCH_PG_PORT ?? 54_391),
    serverPort: Number(env.BENCH_PORT ?? 3_391),
    dataDir: env.BENCH_DATA_DIR ?? 'data/bench',
  };
  const set = (flag: string, raw: string | undefined): void => {
    const { key, kind } = FLAGS[flag];
    const target = options as unknown as Record<string, unknown>;
    if (kind === 'bool') {
      target[key] = raw === undefined || raw === '1' || raw === 'true';
    } else if (kind === 'list') {
      target[key] = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    } else {
      const value = Number((raw ?? '').replace(/_/g, ''));
      if (!Number.isInteger(value) || value < 0) {
        throw new Error(`${flag} needs a whole number, got "${raw}"\n${USAGE}`);
      }
      target[key] = value;
    }
  };
  for (const [flag, { env: name }] of Object.entries(FLAGS)) {
    if (env[name] !== undefined && env[name] !== '') {
      set(flag, env[name]);
    }
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    if (!FLAGS[flag]) {
      throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
    }
    if (FLAGS[flag].kind === 'bool') {
      set(flag, inline);
    } else {
      set(flag, inline ?? argv[++i]);
    }
  }
  if (options.deals < options.boardDeals * 1.2 || options.tasks < options.busyTasks) {
    throw new Error(`need at least 1.2 × --board-deals deals (closed ones join the open on the board) and --busy-tasks tasks\n${USAGE}`);
  }
  if (options.contacts < 1 || options.users < options.teams + 2 || options.teams < 1 || options.concurrency < 1) {
    throw new Error(`need at least 1 contact, 1 team, and more users than teams + 1\n${USAGE}`);
  }
  return options;
}
