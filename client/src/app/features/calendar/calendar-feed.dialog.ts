import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import { CalendarFeed, TasksApi } from '@app/features/tasks/data-access/tasks-api';
import { Notify } from '@app/shared/ui/notify.service';

/**
 * "Subscribe": the private address of the user's calendar feed for Outlook, Google Calendar or
 * Thunderbird. The address is shown once, when it is made; a new one replaces the old, which stops
 * working, and "Stop sharing" ends the feed.
 */
@Component({
  selector: 'crm-calendar-feed-dialog',
  imports: [TranslocoPipe, CrmDatePipe, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatIconModule, MatProgressBarModule],
  providers: [provideTranslocoScope('tasks')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'tasks.feed.title' | transloco }}</h2>
    <mat-dialog-content>
      <p>{{ 'tasks.feed.explain' | transloco }}</p>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      @if (url(); as address) {
        <mat-form-field class="url">
          <mat-label>{{ 'tasks.feed.url' | transloco }}</mat-label>
          <input matInput [value]="address" readonly data-testid="feed-url" />
          <button mat-icon-button matSuffix type="button" (click)="copy(address)" [attr.aria-label]="'tasks.feed.copy' | transloco"><mat-icon>content_copy</mat-icon></button>
          <mat-hint>{{ 'tasks.feed.shownOnce' | transloco }}</mat-hint>
        </mat-form-field>
      } @else if (feed()?.active) {
        <p data-testid="feed-active">{{ 'tasks.feed.active' | transloco: { date: (feed()?.createdAt | crmDate: 'date') } }}</p>
      } @else if (feed()) {
        <p data-testid="feed-inactive">{{ 'tasks.feed.inactive' | transloco }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (feed()?.active) {
        <button mat-button type="button" (click)="revoke()" [disabled]="busy()" data-testid="feed-revoke">{{ 'tasks.feed.revoke' | transloco }}</button>
      }
      <button mat-button type="button" (click)="create()" [disabled]="busy() || feed() === null" data-testid="feed-create">
        {{ (feed()?.active ? 'tasks.feed.rotate' : 'tasks.feed.create') | transloco }}
      </button>
      <button mat-flat-button type="button" mat-dialog-close>{{ 'common.close' | transloco }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    :host { display: block; max-width: 560px; }
    .url { width: 100%; margin-top: 8px; }
  `,
})
export class CalendarFeedDialog {
  private readonly api = inject(TasksApi);
  private readonly notify = inject(Notify);
  private readonly clipboard = inject(Clipboard);
  protected readonly feed = signal<CalendarFeed | null>(null);
  protected readonly url = signal<string | null>(null);
  protected readonly busy = signal(true);

  constructor() {
    void this.run(async () => this.feed.set(await firstValueFrom(this.api.feed())));
  }

  protected create(): Promise<void> {
    return this.run(async () => {
      const created = await firstValueFrom(this.api.createFeed());
      this.url.set(created.url);
      this.feed.set(await firstValueFrom(this.api.feed()));
    });
  }

  protected revoke(): Promise<void> {
    return this.run(async () => {
      await firstValueFrom(this.api.revokeFeed());
      this.url.set(null);
      this.feed.set({ active: false, createdAt: null });
      this.notify.success('tasks.feed.revoked');
    });
  }

  protected copy(address: string): void {
    if (this.clipboard.copy(address)) {
      this.notify.success('tasks.feed.copied');
    }
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    try {
      await work();
    } catch (error) {
      this.notify.error(error);
    } finally {
      this.busy.set(false);
    }
  }
}
