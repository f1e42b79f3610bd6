import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { problemCode } from '@app/core/api/problem';
import { AuthStore } from '@app/core/auth/auth.store';
import { RecordEvents } from '@app/features/customers-shared/data-access/record-events';
import { Notify } from '@app/shared/ui/notify.service';
import { Task, TaskLinkType, TasksApi } from '../data-access/tasks-api';
import { injectTaskDialog } from '../ui/open-task-dialog';
import { TaskRow } from '../ui/task-row';

/** How many open tasks a card shows; the Tasks page has the rest. */
const SHOWN = 5;

/**
 * "Open tasks" on a contact's, company's or deal's card: the record's next open tasks, meetings and
 * calls, completed with one click. Reloads when something on the card scheduled a new one.
 */
@Component({
  selector: 'crm-open-tasks',
  imports: [TranslocoPipe, TaskRow],
  providers: [provideTranslocoScope('tasks')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (tasks().length > 0) {
      <section class="open-tasks" aria-labelledby="open-tasks-title" data-testid="open-tasks">
        <h2 id="open-tasks-title">{{ 'tasks.card.openTasks' | transloco }}</h2>
        @for (task of tasks(); track task.id) {
          <crm-task-row [task]="task" [busy]="busy().includes(task.id)" (complete)="complete($event)" (open)="open($event)" />
        }
      </section>
    }
  `,
  styles: `
    .open-tasks { margin-bottom: 16px; padding: 8px 12px; border-radius: var(--mat-sys-corner-medium); background: var(--mat-sys-surface-container-low); }
    h2 { font: var(--mat-sys-title-small); margin: 4px 0; }
  `,
})
export class OpenTasks {
  private readonly api = inject(TasksApi);
  private readonly notify = inject(Notify);
  private readonly events = inject(RecordEvents);
  private readonly auth = inject(AuthStore);
  private readonly openDialog = injectTaskDialog();

  readonly entity = input.required<TaskLinkType>();
  readonly recordId = input.required<string>();

  protected readonly tasks = signal<Task[]>([]);
  protected readonly busy = signal<string[]>([]);
  private readonly canRead = computed(() => this.auth.ability().can('read', 'Task'));

  constructor() {
    effect(() => {
      const [entity, id] = [this.entity(), this.recordId()];
      this.events.revision(entity, id);
      if (this.canRead()) {
        untracked(() => void this.load(entity, id));
      }
    });
  }

  protected async complete(task: Task): Promise<void> {
    this.busy.update((ids) => [...ids, task.id]);
    try {
      await firstValueFrom(this.api.update(task, { status: 'done' }));
      this.notify.success('tasks.completed', { title: task.title });
      this.tasks.update((list) => list.filter((t) => t.id !== task.id));
    } catch (error) {
      this.notify.error(error);
      if (problemCode(error) === 'version-mismatch') {
        await this.load(this.entity(), this.recordId());
      }
    } finally {
      this.busy.update((ids) => ids.filter((id) => id !== task.id));
    }
  }

  protected async open(task: Task): Promise<void> {
    if ((await this.openDialog({ task })) !== undefined) {
      await this.load(this.entity(), this.recordId());
    }
  }

  private async load(entity: TaskLinkType, id: string): Promise<void> {
    try {
      const page = await firstValueFrom(this.api.list({ [`${entity}Id`]: id, status: ['open'], sort: 'dueAt', limit: SHOWN }));
      this.tasks.set(page.items);
    } catch {
      // The card works without its tasks; the Tasks page explains a failure.
      this.tasks.set([]);
    }
  }
}
