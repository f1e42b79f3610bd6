import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import type { Task } from '../data-access/tasks-api';

export const KIND_ICONS: Record<Task['kind'], string> = { task: 'task_alt', meeting: 'groups', call: 'call' };

/** The record a task belongs to, as a link to its card. */
export function taskRecordLink(task: Task): { path: string[]; name: string } | null {
  if (task.dealId !== null) {
    return { path: ['/deals', task.dealId], name: task.dealTitle ?? '' };
  }
  if (task.contactId !== null) {
    return { path: ['/contacts', task.contactId], name: task.contactName ?? '' };
  }
  if (task.companyId !== null) {
    return { path: ['/companies', task.companyId], name: task.companyName ?? '' };
  }
  return null;
}

/**
 * One task, meeting or call in a list: a check box that completes it, the kind, the title (opens
 * it), when (red with "Overdue" once past), the record it belongs to and who does it.
 */
@Component({
  selector: 'crm-task-row',
  imports: [TranslocoPipe, CrmDatePipe, RouterLink, MatCheckboxModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'task-row', '[class.overdue]': 'task().overdue', '[attr.data-testid]': '"task-row"', '[attr.data-task-id]': 'task().id' },
  template: `
    @let item = task();
    <mat-checkbox [checked]="item.status === 'done' || busy()" [disabled]="busy() || item.status !== 'open'" (change)="complete.emit(item)"
      [aria-label]="'tasks.row.complete' | transloco: { title: item.title }" data-testid="task-complete" />
    <mat-icon class="kind" [attr.aria-label]="'tasks.kinds.' + item.kind | transloco">{{ icons[item.kind] }}</mat-icon>
    <div class="main">
      <button type="button" class="title" (click)="open.emit(item)" data-testid="task-title">{{ item.title }}</button>
      <div class="meta">
        @if (item.dueAt) {
          <time class="when" [attr.datetime]="item.dueAt">{{ item.dueAt | crmDate: (timeOnly() && !item.allDay ? 'time' : item.allDay ? 'date' : 'short') }}@if (item.endsAt && !item.allDay) {–{{ item.endsAt | crmDate: 'time' }}}</time>
        }
        @if (item.overdue) {
          <strong class="overdue-label" data-testid="task-overdue">{{ 'tasks.row.overdue' | transloco }}</strong>
        }
        @if (record(); as link) {
          <a [routerLink]="link.path">{{ link.name }}</a>
        }
        @if (showOwner()) {
          <span>{{ item.ownerName }}</span>
        }
        @if (item.priority === 'high') {
          <span class="high">{{ 'tasks.priorities.high' | transloco }}</span>
        }
        @if (item.location) {
          <span>{{ item.location }}</span>
        }
      </div>
    </div>
  `,
  styles: `
    :host { display: grid; grid-template-columns: auto auto 1fr; align-items: center; gap: 4px 8px; padding: 6px 8px; border-radius: var(--mat-sys-corner-small); }
    :host(:hover) { background: var(--mat-sys-surface-container-low); }
    .kind { color: var(--mat-sys-on-surface-variant); }
    .title { all: unset; cursor: pointer; font: var(--mat-sys-body-large); color: var(--mat-sys-on-surface); }
    .title:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: 2px; }
    .title:hover { text-decoration: underline; }
    .meta { display: flex; flex-wrap: wrap; gap: 4px 12px; font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .meta a { color: var(--mat-sys-primary); }
    :host(.overdue) .when, .overdue-label { color: var(--mat-sys-error); }
    .high { color: var(--mat-sys-tertiary); font-weight: 500; }
  `,
})
export class TaskRow {
  readonly task = input.required<Task>();
  readonly busy = input(false);
  /** Today's entries show the time only. */
  readonly timeOnly = input(false);
  readonly showOwner = input(false);
  readonly complete = output<Task>();
  readonly open = output<Task>();

  protected readonly icons = KIND_ICONS;
  protected readonly record = computed(() => taskRecordLink(this.task()));
}
