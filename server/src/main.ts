import 'reflect-metadata';
import { closeGracefully, createApp } from './app';
import { ConfigError, loadConfig } from './common/config/app-config';
import { openDatabase } from './common/database/open-database';
import { createBootLogger } from './common/logging';
import { ensureAdministrator } from './modules/auth/admin-bootstrap';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nThe server did not start. Fix the variables above and start it again.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const log = createBootLogger(config.logLevel);
  let database;
  try {
    database = await openDatabase(config, log, { migrate: true });
  } catch (error) {
    log.fatal({ err: error }, `the database could not be prepared: ${(error as Error).message}`);
    process.exit(1);
  }
  const admin = await ensureAdministrator(database.dataSource, config.adminLogin, config.adminPassword);
  if (admin.created && admin.oneTimePassword) {
    log.warn(
      { login: config.adminLogin },
      `first start: created administrator "${config.adminLogin}" with one-time password ${admin.oneTimePassword} — it is shown only now and must be changed at first login`,
    );
  } else if (admin.created) {
    log.info(`first start: created administrator "${config.adminLogin}" with the password from CRM_ADMIN_PASSWORD`);
  }

  const app = await createApp(config, database.dataSource);
  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  log.info(`CRM is listening on http://${shownHost}:${config.port} (API docs: /api/docs)`);

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    log.info(`${signal} received: finishing in-flight requests`);
    // Closing the app stops accepting connections and waits for the requests in flight.
    await closeGracefully(app);
    await database.close();
    log.info('stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutdown(signal));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
