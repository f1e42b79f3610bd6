import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, untracked, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { subject } from '@casl/ability';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import { LanguageService } from '@app/core/i18n/language.service';
import type { Task } from '@app/features/tasks/data-access/tasks-api';
import { injectTaskDialog } from '@app/features/tasks/ui/open-task-dialog';
import { KIND_ICONS } from '@app/features/tasks/ui/task-row';
import { localDate } from '@app/shared/ui/local-date-time';
import { Notify } from '@app/shared/ui/notify.service';
import { CalendarFeedDialog } from './calendar-feed.dialog';
import { CalendarView, monthGrid, onDay, sameDay, timeAtOffset, weekDays } from './calendar-dates';
import { HOUR_HEIGHT, inAllDayRow, onDayOf, placeDay, WORK_START_HOUR } from './calendar-layout';
import { CalendarStore } from './calendar.store';

/** Where an entry was dropped: a day of the month (`month`), a day's all-day row (`allDay`), or a day's time column (`time`). */
interface DropTarget {
  day: Date;
  area: string;
}

/**
 * The calendar: month, week and day views of my (or my team's) tasks, meetings and calls. Click an
 * entry to change it, an empty slot to plan one there; drag an entry to move it (its duration stays).
 */
@Component({
  selector: 'crm-calendar-page',
  imports: [
    TranslocoPipe, CrmDatePipe, CdkDropListGroup, CdkDropList, CdkDrag, MatButtonModule, MatButtonToggleModule, MatIconModule, MatProgressBarModule, MatTooltipModule,
  ],
  providers: [CalendarStore, provideTranslocoScope('tasks')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './calendar.page.html',
  styleUrl: './calendar.page.scss',
})
export class CalendarPage {
  protected readonly store = inject(CalendarStore);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly language = inject(LanguageService);
  private readonly openDialog = injectTaskDialog();
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');

  protected readonly errorText = inject(Notify).errorText(this.store.error);
  protected readonly icons = KIND_ICONS;
  protected readonly hourHeight = HOUR_HEIGHT;
  protected readonly hours = Array.from({ length: 24 }, (_, hour) => hour);
  protected readonly views: CalendarView[] = ['month', 'week', 'day'];
  protected readonly canCreate = computed(() => this.auth.ability().can('create', subject('Task', { ownerId: this.auth.user()?.id })));
  /** A role that reads others' tasks (a team lead) may switch to the team's calendar. */
  protected readonly canSeeTeam = computed(() => {
    const me = this.auth.user()?.id;
    return this.auth
      .ability()
      .rulesFor('read', 'Task')
      .some((rule) => !rule.inverted && (rule.conditions === undefined || (rule.conditions as { ownerId?: unknown }).ownerId !== me));
  });

  protected readonly weeks = computed(() => monthGrid(this.store.anchor(), this.store.firstDay()));
  protected readonly days = computed(() => (this.store.view() === 'day' ? [this.store.anchor()] : weekDays(this.store.anchor(), this.store.firstDay())));
  protected readonly weekdayNames = computed(() => {
    const format = new Intl.DateTimeFormat(this.language.intlLocale(), { weekday: 'short' });
    return weekDays(this.store.anchor(), this.store.firstDay()).map((day) => format.format(day));
  });
  protected readonly title = computed(() => {
    const locale = this.language.intlLocale();
    const anchor = this.store.anchor();
    if (this.store.view() === 'month') {
      return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' }).format(anchor);
    }
    if (this.store.view() === 'day') {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'full' }).format(anchor);
    }
    const days = this.days();
    return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).formatRange(days[0], days[6]);
  });
  protected readonly placed = computed(() => {
    const items = this.store.items();
    return new Map(this.days().map((day) => [day.getTime(), placeDay(items, day)]));
  });
  protected readonly today = new Date();
  /** When the last drag ended: the click that ends a drag does not plan a new entry. */
  private lastDrop = 0;

  constructor() {
    void this.store.load();
    // The week and day views open at the start of the working day.
    effect(() => {
      const element = this.scroller()?.nativeElement;
      this.store.view();
      if (element !== undefined) {
        untracked(() => (element.scrollTop = WORK_START_HOUR * HOUR_HEIGHT));
      }
    });
  }

  protected readonly isToday = (day: Date): boolean => sameDay(day, this.today);
  protected readonly inMonth = (day: Date): boolean => day.getMonth() === this.store.anchor().getMonth();
  protected readonly isoDate = localDate;

  protected entriesOn(day: Date): Task[] {
    return this.store
      .items()
      .filter((task) => onDayOf(task, day))
      .sort((a, b) => Number(b.allDay) - Number(a.allDay) || (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
  }

  protected allDayOn(day: Date): Task[] {
    return this.store.items().filter((task) => inAllDayRow(task) && onDayOf(task, day));
  }

  protected showView(view: CalendarView): void {
    void this.store.show(view);
  }

  protected openDay(day: Date): void {
    void this.store.show('day', day);
  }

  protected async edit(task: Task): Promise<void> {
    const saved = await this.openDialog({ task });
    if (saved === null) {
      this.store.removed(task.id);
    } else if (saved !== undefined) {
      this.store.saved(saved);
    }
  }

  /** A click on an empty part of the time column plans an entry at that time (snapped to the half hour). */
  protected async createInColumn(event: MouseEvent, day: Date): Promise<void> {
    if (Date.now() - this.lastDrop < 500) {
      return;
    }
    const column = event.currentTarget as HTMLElement;
    const start = timeAtOffset(day, event.clientY - column.getBoundingClientRect().top, HOUR_HEIGHT, 30);
    await this.create(start, false);
  }

  protected async create(start: Date, allDay: boolean): Promise<void> {
    if (!this.canCreate()) {
      return;
    }
    const saved = await this.openDialog({ start, allDay, kind: 'meeting' });
    if (saved !== undefined && saved !== null) {
      this.store.saved(saved);
    }
  }

  protected async createOnDay(day: Date): Promise<void> {
    await this.create(new Date(day.getFullYear(), day.getMonth(), day.getDate(), 10), false);
  }

  /**
   * A drop: on a day of the month the time of day stays; in a time column the entry moves by as
   * far as it was dragged (to another day if dropped there); in the all-day row it becomes all-day.
   */
  protected drop(event: CdkDragDrop<DropTarget>): void {
    this.lastDrop = Date.now();
    const task = event.item.data as Task;
    const target = event.container.data;
    if (task.dueAt === null || (event.previousContainer === event.container && Math.abs(event.distance.x) + Math.abs(event.distance.y) < 4)) {
      return;
    }
    const start = new Date(task.dueAt);
    if (target.area === 'month') {
      void this.store.move(task, onDay(start, target.day));
    } else if (target.area === 'allDay') {
      void this.store.move(task, new Date(target.day.getFullYear(), target.day.getMonth(), target.day.getDate()), true);
    } else {
      const from = task.allDay ? WORK_START_HOUR * HOUR_HEIGHT : ((start.getHours() * 60 + start.getMinutes()) / 60) * HOUR_HEIGHT;
      const offset = task.allDay ? event.dropPoint.y - (event.container.element.nativeElement.getBoundingClientRect().top) : from + event.distance.y;
      void this.store.move(task, timeAtOffset(target.day, offset, HOUR_HEIGHT), false);
    }
  }

  protected subscribe(): void {
    this.dialog.open(CalendarFeedDialog, { autoFocus: 'first-tabbable' });
  }
}
