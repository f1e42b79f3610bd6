import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { inActorTransaction, SYSTEM_CONTEXT } from '../../common/database/actor-transaction';
import { BackgroundJobs } from '../../common/jobs/background-jobs';
import { MailService } from './mail.service';
import { NotificationsService } from './notifications.service';
import { reminderMail } from './reminder-texts';

/** The queue of one reminder at its time, and the sweep that catches anything due and unclaimed. */
export const REMINDER_QUEUE = 'task-reminder';
export const SWEEP_QUEUE = 'task-reminder-sweep';

/** Most reminders one claim takes. */
const CLAIM_BATCH = 500;

interface ClaimedReminder {
  id: string;
  title: string;
  kind: string;
  due_at: Date | null;
  owner_id: string;
  email: string | null;
  locale: string;
}

/**
 * Task reminders as background jobs: a job per reminder at its time plus a sweep every minute.
 * Whatever instance runs a job claims the task's reminder with one conditional UPDATE, so each
 * reminder fires once however many instances run.
 */
@Injectable()
export class RemindersService implements OnModuleInit {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly jobs: BackgroundJobs,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ taskId: string }>({
      name: REMINDER_QUEUE,
      retryLimit: 3,
      retryDelaySeconds: 5,
      batchSize: 20,
      run: async (jobs) => {
        await this.fire(jobs.map((job) => job.data.taskId));
      },
    });
    this.jobs.register({
      name: SWEEP_QUEUE,
      cron: '* * * * *',
      run: async () => {
        // A backlog (say, after downtime) is claimed in batches until nothing is due.
        while ((await this.fire()) === CLAIM_BATCH) {
          // next batch
        }
      },
    });
  }

  /** Plans the job of a task's reminder (nothing when it is not open or has none); the sweep is the safety net. */
  async arm(taskId: string, status: string, remindAt: string | null): Promise<void> {
    if (status !== 'open' || remindAt === null) {
      return;
    }
    try {
      // One job per task and reminder time: a repeated save does not queue it twice, a new time does.
      await this.jobs.send(REMINDER_QUEUE, { taskId }, { startAfter: new Date(remindAt), singletonKey: `${taskId}@${remindAt}` });
    } catch (error) {
      this.logger.warn(`reminder of task ${taskId} not queued (the sweep will send it): ${(error as Error).message}`);
    }
  }

  /**
   * Claims the due reminders (of these tasks, or all) and raises them: a notification for the
   * assignee, published live, and an e-mail when SMTP is configured. Returns how many fired.
   */
  async fire(taskIds?: string[]): Promise<number> {
    const claimed = await inActorTransaction(this.dataSource, SYSTEM_CONTEXT, async (manager) => {
      const [rows]: [ClaimedReminder[], number] = await manager.query(
        `WITH due AS (
           SELECT id FROM tasks
            WHERE reminded_at IS NULL AND status = 'open' AND remind_at <= now() AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))
            ORDER BY remind_at
            LIMIT ${CLAIM_BATCH}
              FOR UPDATE SKIP LOCKED
         )
         UPDATE tasks t SET reminded_at = now()
           FROM due, users u
          WHERE t.id = due.id AND u.id = t.owner_id
            AND t.reminded_at IS NULL AND t.status = 'open' AND t.remind_at <= now()
         RETURNING t.id, t.title, t.kind, t.due_at, t.owner_id, u.email, u.locale`,
        [taskIds ?? null],
      );
      for (const row of rows) {
        await this.notifications.notify(manager, row.owner_id, 'task_reminder', { title: row.title, dueAt: row.due_at?.toISOString() ?? null, kind: row.kind }, row.id);
      }
      return rows;
    });
    if (this.mail.enabled) {
      const link = this.config.publicUrl ? `${this.config.publicUrl.replace(/\/$/, '')}/my-day` : null;
      for (const row of claimed.filter((r) => r.email)) {
        await this.mail.send({ to: row.email!, ...reminderMail(row.locale, { title: row.title, kind: row.kind, dueAt: row.due_at }, this.config.timeZone, link) });
      }
    }
    return claimed.length;
  }
}
