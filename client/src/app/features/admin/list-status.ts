import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { Notify } from '@app/shared/ui/notify.service';

/** Under an Administration list's heading: a progress line while it loads, what went wrong and "Reload" when it failed. */
@Component({
  selector: 'crm-admin-list-status',
  imports: [MatProgressBarModule, MatButtonModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="progress">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
    </div>
    @if (error(); as error) {
      <p class="problem" role="alert">
        <span>{{ 'admin.loadFailed' | transloco }} {{ notify.describe(error) }}</span>
        <button mat-button type="button" (click)="reload.emit()">{{ 'common.reload' | transloco }}</button>
      </p>
    }
  `,
  styles: `
    :host { display: block; }
    .progress { height: 4px; }
    .problem {
      display: flex; align-items: center; gap: 12px; padding: 8px 16px;
      border-radius: var(--mat-sys-corner-medium); background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container);
    }
  `,
})
export class AdminListStatus {
  protected readonly notify = inject(Notify);
  readonly loading = input(false);
  readonly error = input<unknown>(null);
  readonly reload = output();
}
