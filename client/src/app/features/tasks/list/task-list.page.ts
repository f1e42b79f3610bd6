import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { subject } from '@casl/ability';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { catchError, debounceTime, distinctUntilChanged, of } from 'rxjs';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { Notify } from '@app/shared/ui/notify.service';
import { TaskFilters, TaskListStore } from '../data-access/task-list.store';
import { Task, TASK_KINDS, TaskKind, TasksApi, TaskSort, TaskStatus } from '../data-access/tasks-api';
import { injectTaskDialog } from '../ui/open-task-dialog';
import { TaskRow } from '../ui/task-row';

const STATUSES: TaskStatus[] = ['open', 'done', 'cancelled'];
const SORTS: TaskSort[] = ['dueAt', '-dueAt', '-updatedAt', 'priority'];

/** All tasks, meetings and calls the user may see: filters, sort, "Show more", complete from the list. */
@Component({
  selector: 'crm-task-list-page',
  imports: [
    ReactiveFormsModule, TranslocoPipe, CrmNumberPipe, TaskRow, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule,
    MatSelectModule, MatSlideToggleModule,
  ],
  providers: [TaskListStore, provideTranslocoScope('tasks')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let filters = store.filters();
    <section class="crm-page">
      <header class="head">
        <h1 class="title">{{ 'tasks.list.title' | transloco }}</h1>
        @if (store.total() !== null) {
          <span class="total" data-testid="task-total">{{ 'common.total' | transloco: { count: (store.total() | crmNumber) } }}</span>
        }
        <span class="spacer"></span>
        @if (canCreate()) {
          <button mat-flat-button type="button" (click)="create()" data-testid="task-new"><mat-icon>add_task</mat-icon>{{ 'tasks.actions.new' | transloco }}</button>
        }
      </header>
      <div class="filters" role="search">
        <mat-form-field class="search" subscriptSizing="dynamic">
          <mat-label>{{ 'common.search' | transloco }}</mat-label>
          <mat-icon matPrefix>search</mat-icon>
          <input matInput type="search" [formControl]="search" data-testid="task-search" />
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'tasks.fields.status' | transloco }}</mat-label>
          <mat-select multiple [value]="filters.status" (selectionChange)="set({ status: $event.value })" data-testid="task-filter-status">
            <mat-select-trigger>@for (status of filters.status; track status) { {{ 'tasks.statuses.' + status | transloco }}{{ $last ? '' : ', ' }} }</mat-select-trigger>
            @for (status of statuses; track status) {
              <mat-option [value]="status">{{ 'tasks.statuses.' + status | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'tasks.fields.kind' | transloco }}</mat-label>
          <mat-select multiple [value]="filters.kind" (selectionChange)="set({ kind: $event.value })" data-testid="task-filter-kind">
            <mat-select-trigger>@for (kind of filters.kind; track kind) { {{ 'tasks.kinds.' + kind | transloco }}{{ $last ? '' : ', ' }} }</mat-select-trigger>
            @for (kind of kinds; track kind) {
              <mat-option [value]="kind">{{ 'tasks.kinds.' + kind | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (users().length > 1) {
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'tasks.fields.owner' | transloco }}</mat-label>
            <mat-select multiple [value]="filters.ownerId" (selectionChange)="set({ ownerId: $event.value })" data-testid="task-filter-owner">
              @for (user of users(); track user.id) {
                <mat-option [value]="user.id">{{ user.displayName }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'tasks.list.dueFrom' | transloco }}</mat-label>
          <input matInput type="date" [value]="filters.dueFrom" (change)="set({ dueFrom: $any($event.target).value })" data-testid="task-filter-from" />
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'tasks.list.dueTo' | transloco }}</mat-label>
          <input matInput type="date" [value]="filters.dueTo" (change)="set({ dueTo: $any($event.target).value })" data-testid="task-filter-to" />
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'tasks.list.sort' | transloco }}</mat-label>
          <mat-select [value]="filters.sort" (selectionChange)="set({ sort: $event.value })" data-testid="task-sort">
            <mat-select-trigger>{{ 'tasks.list.sorts.' + filters.sort | transloco }}</mat-select-trigger>
            @for (sort of sorts; track sort) {
              <mat-option [value]="sort">{{ 'tasks.list.sorts.' + sort | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-slide-toggle [checked]="filters.overdue" (change)="set({ overdue: $event.checked })" data-testid="task-filter-overdue">{{ 'tasks.list.overdueOnly' | transloco }}</mat-slide-toggle>
      </div>
      @if (store.loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      @if (errorText()) {
        <p class="error" role="alert">{{ errorText() }}</p>
      }
      <div class="rows" data-testid="task-list">
        @for (task of store.items(); track task.id) {
          <crm-task-row [task]="task" [busy]="store.completing().includes(task.id)" [showOwner]="users().length > 1" (complete)="store.complete($event)" (open)="open($event)" />
        } @empty {
          @if (store.loaded()) {
            <p class="empty">{{ 'tasks.list.empty' | transloco }}</p>
          }
        }
      </div>
      @if (store.nextCursor()) {
        <button mat-stroked-button type="button" class="more" (click)="store.loadMore()" [disabled]="store.loading()" data-testid="task-more">{{ 'common.loadMore' | transloco }}</button>
      }
    </section>
  `,
  styles: `
    .head { display: flex; align-items: center; gap: 12px; margin-bottom: 8px; }
    .title { font: var(--mat-sys-headline-small); margin: 0; }
    .total { color: var(--mat-sys-on-surface-variant); }
    .spacer { flex: 1; }
    .filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin-bottom: 12px; }
    .filters mat-form-field { width: 180px; }
    .filters .search { width: 260px; }
    .rows { display: grid; gap: 2px; }
    .empty { color: var(--mat-sys-on-surface-variant); }
    .error { color: var(--mat-sys-error); }
    .more { margin-top: 12px; }
  `,
})
export class TaskListPage {
  protected readonly store = inject(TaskListStore);
  private readonly auth = inject(AuthStore);
  private readonly openDialog = injectTaskDialog();
  protected readonly errorText = inject(Notify).errorText(this.store.error);
  protected readonly statuses = STATUSES;
  protected readonly kinds: readonly TaskKind[] = TASK_KINDS;
  protected readonly sorts = SORTS;
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly users = signal<{ id: string; displayName: string }[]>([]);
  protected readonly canCreate = computed(() => this.auth.ability().can('create', subject('Task', { ownerId: this.auth.user()?.id })));

  constructor() {
    void this.store.load();
    const me = this.auth.user()?.id;
    // Whoever reads others' tasks may filter by assignee.
    const readsOthers = this.auth.ability().rulesFor('read', 'Task').some((rule) => !rule.inverted && (rule.conditions === undefined || (rule.conditions as { ownerId?: unknown }).ownerId !== me));
    if (readsOthers) {
      inject(TasksApi).owners().pipe(catchError(() => of([])), takeUntilDestroyed()).subscribe((users) => this.users.set(users));
    }
    this.search.valueChanges.pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed(inject(DestroyRef))).subscribe((q) => void this.store.filter({ q }));
  }

  protected set(change: Partial<TaskFilters>): void {
    void this.store.filter(change);
  }

  protected async open(task: Task): Promise<void> {
    const saved = await this.openDialog({ task });
    if (saved === null) {
      await this.store.load();
    } else if (saved !== undefined) {
      this.store.replace(saved);
    }
  }

  protected async create(): Promise<void> {
    const saved = await this.openDialog({});
    if (saved !== undefined) {
      await this.store.load();
    }
  }
}
