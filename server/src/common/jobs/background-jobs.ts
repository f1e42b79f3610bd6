import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** A queue of background work and what runs its jobs. */
export interface JobQueue<T extends object = object> {
  name: string;
  /** When pg-boss itself plans a job of this queue (cron, in CRM_TIME_ZONE), for sweeps. */
  cron?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Most jobs one call of `run` gets. */
  batchSize?: number;
  run(jobs: PgBoss.Job<T>[]): Promise<void>;
}

/**
 * Background jobs with pg-boss in the database's `pgboss` schema, shared by the modules: each
 * registers its queues while the application initialises (`onModuleInit`), and every instance
 * with CRM_BACKGROUND_JOBS works them once it has started. A job runs on one instance.
 */
@Injectable()
export class BackgroundJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BackgroundJobs.name);
  private readonly queues: JobQueue[] = [];
  private boss?: PgBoss;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'backgroundJobs' | 'jobPollSeconds' | 'timeZone'>,
  ) {}

  register<T extends object>(queue: JobQueue<T>): void {
    if (this.boss) {
      throw new Error(`queue ${queue.name} registered after the background jobs started`);
    }
    this.queues.push(queue as unknown as JobQueue);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.backgroundJobs || this.queues.length === 0) {
      return;
    }
    const boss = new PgBoss({
      connectionString: (this.dataSource.options as { url?: string }).url,
      schema: 'pgboss',
      application_name: 'crm-jobs',
      max: 2,
      // Cron schedules are checked often enough that a sweep each minute is not late.
      cronMonitorIntervalSeconds: 30,
    });
    boss.on('error', (error: Error) => this.logger.error(`background jobs: ${error.message}`));
    // Instances starting together on a new database would create pg-boss's schema and queues at
    // the same time and deadlock: one at a time, under an advisory lock.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('crm:background-jobs-setup'))`);
      await boss.start();
      for (const queue of this.queues) {
        if (!(await boss.getQueue(queue.name))) {
          await boss.createQueue(queue.name, {
            name: queue.name,
            policy: 'short',
            ...(queue.retryLimit === undefined ? {} : { retryLimit: queue.retryLimit, retryDelay: queue.retryDelaySeconds ?? 0 }),
          });
        }
        if (queue.cron !== undefined) {
          await boss.schedule(queue.name, queue.cron, undefined, { tz: this.config.timeZone });
        }
      }
    } catch (error) {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      throw error;
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('crm:background-jobs-setup'))`).catch(() => undefined);
      await runner.release();
    }
    for (const queue of this.queues) {
      await boss.work(queue.name, { pollingIntervalSeconds: this.config.jobPollSeconds, batchSize: queue.batchSize ?? 1 }, (jobs) => queue.run(jobs as PgBoss.Job<object>[]));
    }
    this.boss = boss;
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 });
  }

  /** Queues a job; false when this instance runs no background jobs (the queue's sweep is then the safety net). */
  async send<T extends object>(name: string, data: T, options: PgBoss.SendOptions = {}): Promise<boolean> {
    if (!this.boss) {
      return false;
    }
    await this.boss.send(name, data, options);
    return true;
  }
}
