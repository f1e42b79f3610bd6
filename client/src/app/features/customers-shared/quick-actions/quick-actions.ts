import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { subject } from '@casl/ability';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '@app/core/auth/auth.store';
import { ScheduleTaskButton } from '@app/features/tasks/schedule-task/schedule-task-button';
import { Notify } from '@app/shared/ui/notify.service';
import { ActivityDialog, ActivityDialogData } from '../activity-dialog/activity-dialog';
import type { Activity, ActivityKind, RecordEntity } from '../data-access/activities-api';
import { RecordEvents } from '../data-access/record-events';

/**
 * "Log a call", "Add a note" and more on a record's card; the timeline shows what was logged.
 * "Follow-up" is offered when the card may change the record, and handled by the card.
 */
@Component({
  selector: 'crm-quick-actions',
  imports: [TranslocoPipe, MatButtonModule, MatIconModule, MatMenuModule, ScheduleTaskButton],
  providers: [provideTranslocoScope('activities')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (canLog() || canFollowUp()) {
      <div class="actions" role="group" [attr.aria-label]="'activities.quick.label' | transloco">
        @if (canLog()) {
          <button mat-stroked-button type="button" (click)="log('call')" data-testid="quick-call">
            <mat-icon>call</mat-icon>{{ 'activities.quick.call' | transloco }}
          </button>
          <button mat-stroked-button type="button" (click)="log('note')" data-testid="quick-note">
            <mat-icon>sticky_note_2</mat-icon>{{ 'activities.quick.note' | transloco }}
          </button>
        }
        <crm-schedule-task-button [link]="{ type: entity(), id: recordId(), name: recordName() }" (scheduled)="events.changed(entity(), recordId())" />
        @if (canFollowUp()) {
          <button mat-stroked-button type="button" (click)="followUp.emit()" data-testid="quick-follow-up">
            <mat-icon>event_upcoming</mat-icon>{{ 'activities.quick.followUp' | transloco }}
          </button>
        }
        @if (canLog()) {
          <button mat-stroked-button type="button" [matMenuTriggerFor]="more" data-testid="quick-more">
            <mat-icon>more_horiz</mat-icon>{{ 'activities.quick.more' | transloco }}
          </button>
          <mat-menu #more="matMenu">
            <button mat-menu-item type="button" (click)="log('meeting')"><mat-icon>groups</mat-icon>{{ 'activities.quick.meeting' | transloco }}</button>
            <button mat-menu-item type="button" (click)="log('email')"><mat-icon>mail</mat-icon>{{ 'activities.quick.email' | transloco }}</button>
          </mat-menu>
        }
      </div>
    }
  `,
  styles: `.actions { display: flex; flex-wrap: wrap; gap: 8px; }`,
})
export class QuickActions {
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(Notify);
  protected readonly events = inject(RecordEvents);

  readonly entity = input.required<RecordEntity>();
  readonly recordId = input.required<string>();
  /** The record's name, shown in the task dialog's link field. */
  readonly recordName = input('');
  /** Whether to offer "Follow-up": the role may change the record. */
  readonly canFollowUp = input(false);
  readonly followUp = output();

  /** The ability only hides the buttons; the server decides. */
  protected readonly canLog = computed(() => this.auth.ability().can('create', subject('Activity', { ownerId: this.auth.user()?.id })));

  protected async log(kind: ActivityKind): Promise<void> {
    const data: ActivityDialogData = { entity: this.entity(), recordId: this.recordId(), kind };
    const logged = await firstValueFrom(this.dialog.open<ActivityDialog, ActivityDialogData, Activity>(ActivityDialog, { data, autoFocus: 'first-tabbable' }).afterClosed());
    if (logged !== undefined) {
      this.notify.success('activities.quick.logged');
      this.events.changed(this.entity(), this.recordId());
    }
  }
}
