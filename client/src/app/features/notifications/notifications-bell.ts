import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, signal } from '@angular/core';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { provideTranslocoScope, TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import { LanguageService } from '@app/core/i18n/language.service';
import { TasksApi } from '@app/features/tasks/data-access/tasks-api';
import { injectTaskDialog } from '@app/features/tasks/ui/open-task-dialog';
import { Notify } from '@app/shared/ui/notify.service';
import { AppNotification, NotificationsStore, reminderData } from './notifications.store';

/** How often the menu looks whether a reminder's task became overdue. */
const CLOCK_TICK_MS = 30_000;

/**
 * The bell in the top bar: the unread count, a menu of the latest notifications with "Mark all
 * read", and a snack bar when a reminder arrives while the user works ("Open" shows the task).
 */
@Component({
  selector: 'crm-notifications-bell',
  imports: [TranslocoPipe, CrmDatePipe, MatBadgeModule, MatButtonModule, MatDividerModule, MatIconModule, MatMenuModule, MatTooltipModule],
  providers: [provideTranslocoScope('tasks')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-icon-button [matMenuTriggerFor]="menu" data-testid="notifications-bell"
      [attr.aria-label]="store.unread() > 0 ? ('tasks.notifications.bellUnread' | transloco: { count: store.unread() }) : ('app.notifications' | transloco)"
      [matTooltip]="'app.notifications' | transloco">
      <mat-icon [matBadge]="store.unread() > 0 ? store.unread() : null" matBadgeColor="warn" matBadgeSize="small" aria-hidden="true">notifications</mat-icon>
    </button>
    <mat-menu #menu="matMenu" class="notifications-menu" xPosition="before">
      @if (store.latest().length === 0) {
        <p class="note">{{ 'app.noNotifications' | transloco }}</p>
      } @else {
        <div class="menu-head" (click)="$event.stopPropagation()" (keydown)="$event.stopPropagation()" role="presentation">
          <span class="menu-title">{{ 'app.notifications' | transloco }}</span>
          @if (store.unread() > 0) {
            <button mat-button type="button" (click)="markAllRead()" data-testid="notifications-read-all">{{ 'tasks.notifications.markAllRead' | transloco }}</button>
          }
        </div>
        <mat-divider />
        @for (item of store.latest(); track item.id) {
          @let reminder = reminderOf(item);
          <button mat-menu-item type="button" (click)="open(item)" class="item" [class.unread]="item.readAt === null" [class.overdue]="isOverdue(reminder.dueAt)" data-testid="notification">
            <mat-icon aria-hidden="true">{{ item.kind === 'task_reminder' ? 'alarm' : 'notifications' }}</mat-icon>
            <span class="text">
              <span class="item-title">{{ reminder.title }}</span>
              <span class="item-when">
                @if (reminder.dueAt) {
                  {{ reminder.dueAt | crmDate: 'short' }}
                }
                @if (isOverdue(reminder.dueAt)) {
                  · {{ 'tasks.row.overdue' | transloco }}
                }
              </span>
            </span>
          </button>
        }
      }
    </mat-menu>
  `,
  styles: `
    :host { display: contents; }
    .note { margin: 8px 16px; color: var(--mat-sys-on-surface-variant); }
    .menu-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 0 8px 0 16px; }
    .menu-title { font: var(--mat-sys-title-small); }
    .text { display: grid; }
    .item-title { font: var(--mat-sys-body-medium); }
    .item.unread .item-title { font-weight: 600; }
    .item-when { font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .item.overdue .item-when { color: var(--mat-sys-error); }
  `,
})
export class NotificationsBell {
  protected readonly store = inject(NotificationsStore);
  private readonly auth = inject(AuthStore);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  private readonly language = inject(LanguageService);
  private readonly tasks = inject(TasksApi);
  private readonly notify = inject(Notify);
  private readonly openDialog = injectTaskDialog();
  private readonly now = signal(Date.now());

  protected readonly reminderOf = reminderData;

  constructor() {
    const clock = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    effect(() => {
      if (this.auth.signedIn()) {
        this.store.connect((notification) => this.arrived(notification));
      } else {
        this.store.disconnect();
      }
    });
    inject(DestroyRef).onDestroy(() => {
      clearInterval(clock);
      this.store.disconnect();
    });
  }

  protected isOverdue(dueAt: string | null): boolean {
    return dueAt !== null && new Date(dueAt).getTime() < this.now();
  }

  protected async markAllRead(): Promise<void> {
    await this.store.markAllRead().catch((error: unknown) => this.notify.error(error));
  }

  /** Marks it read and shows its task in the task dialog. */
  protected async open(notification: AppNotification): Promise<void> {
    void this.store.markRead([notification.id]).catch(() => undefined);
    if (notification.taskId === null) {
      return;
    }
    try {
      const task = await firstValueFrom(this.tasks.get(notification.taskId));
      await this.openDialog({ task });
    } catch (error) {
      this.notify.error(error);
    }
  }

  private arrived(notification: AppNotification): void {
    if (notification.kind !== 'task_reminder') {
      return;
    }
    const reminder = reminderData(notification);
    const at = reminder.dueAt === null ? '' : new Intl.DateTimeFormat(this.language.intlLocale(), { timeStyle: 'short' }).format(new Date(reminder.dueAt));
    const text = this.transloco.translate(at === '' ? 'tasks.notifications.reminderNoTime' : 'tasks.notifications.reminder', { title: reminder.title, time: at });
    const ref = this.snackBar.open(text, this.transloco.translate('tasks.notifications.open'), { duration: 15_000, politeness: 'assertive' });
    ref.onAction().subscribe(() => void this.open(notification));
  }
}
