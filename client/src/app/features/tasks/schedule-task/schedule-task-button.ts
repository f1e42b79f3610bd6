import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { subject } from '@casl/ability';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { Notify } from '@app/shared/ui/notify.service';
import type { Task, TaskLink } from '../data-access/tasks-api';
import { injectTaskDialog } from '../ui/open-task-dialog';

/**
 * "Schedule a task" on a card: opens the task dialog linked to the card's record (a contact,
 * company or deal) and tells the card when a task was saved.
 */
@Component({
  selector: 'crm-schedule-task-button',
  imports: [TranslocoPipe, MatButtonModule, MatIconModule],
  providers: [provideTranslocoScope('tasks')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (canCreate()) {
      <button mat-stroked-button type="button" (click)="open()" data-testid="quick-task">
        <mat-icon>add_task</mat-icon>{{ 'tasks.quick.schedule' | transloco }}
      </button>
    }
  `,
})
export class ScheduleTaskButton {
  private readonly auth = inject(AuthStore);
  private readonly openDialog = injectTaskDialog();
  private readonly notify = inject(Notify);

  readonly link = input.required<TaskLink>();
  readonly scheduled = output<Task>();

  /** The ability only hides the button; the server decides. */
  protected readonly canCreate = computed(() => this.auth.ability().can('create', subject('Task', { ownerId: this.auth.user()?.id })));

  protected async open(): Promise<void> {
    const task = await this.openDialog({ link: this.link() });
    if (task !== undefined && task !== null) {
      this.notify.success('tasks.quick.scheduled');
      this.scheduled.emit(task);
    }
  }
}
