import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { subject } from '@casl/ability';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe, CrmMoneyPipe } from '@app/core/i18n/format.pipes';
import type { Task } from '@app/features/tasks/data-access/tasks-api';
import { injectTaskDialog } from '@app/features/tasks/ui/open-task-dialog';
import { TaskRow } from '@app/features/tasks/ui/task-row';
import { Notify } from '@app/shared/ui/notify.service';
import { MyDayStore } from './my-day.store';

/** The page a sales rep starts the day with: what is due today, what is late, and whom to call. */
@Component({
  selector: 'crm-my-day-page',
  imports: [TranslocoPipe, CrmDatePipe, CrmMoneyPipe, RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, TaskRow],
  providers: [MyDayStore, provideTranslocoScope('tasks')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-day.page.html',
  styleUrl: './my-day.page.scss',
})
export class MyDayPage {
  protected readonly store = inject(MyDayStore);
  private readonly auth = inject(AuthStore);
  private readonly openDialog = injectTaskDialog();
  protected readonly today = new Date();
  protected readonly errorText = inject(Notify).errorText(this.store.error);
  protected readonly canCreate = computed(() => this.auth.ability().can('create', subject('Task', { ownerId: this.auth.user()?.id })));
  protected readonly nothing = computed(() => {
    const day = this.store.day();
    return this.store.loaded() && day.tasks.length + day.meetings.length + day.overdue.length === 0;
  });
  protected readonly busy = (task: Task): boolean => this.store.completing().includes(task.id);

  constructor() {
    void this.store.load();
  }

  protected complete(task: Task): void {
    void this.store.complete(task);
  }

  protected async open(task: Task): Promise<void> {
    const saved = await this.openDialog({ task });
    if (saved !== undefined) {
      await this.store.load();
    }
  }

  protected async create(): Promise<void> {
    const now = new Date();
    const saved = await this.openDialog({ start: new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours() + 1) });
    if (saved !== undefined) {
      await this.store.load();
    }
  }
}
