import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import { Notify } from '@app/shared/ui/notify.service';
import { buildDiff, detailRows } from '../data-access/audit-diff';
import { tableKey } from '../data-access/audit-labels';
import { AuditStore } from '../data-access/audit.store';
import { AuditAction } from '../ui/audit-action';
import { AuditDiffView } from '../ui/audit-diff-view';

/** One audit event: who, when, from where, and what it changed, with links to the record's and the user's other events. */
@Component({
  selector: 'crm-audit-event-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, TranslocoPipe, CrmDatePipe, AuditAction, AuditDiffView],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-event.page.html',
  styleUrl: './audit-event.page.scss',
})
export class AuditEventPage {
  protected readonly store = inject(AuditStore);
  protected readonly notify = inject(Notify);
  protected readonly tableKey = tableKey;

  /** The event id, from the address. */
  readonly id = input.required<string>();

  protected readonly event = this.store.selected;
  protected readonly hasDiff = computed(() => {
    const event = this.event();
    return event !== null && buildDiff(event).length > 0;
  });
  protected readonly details = computed(() => detailRows(this.event()?.details ?? null));

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.open(id));
    });
  }
}
