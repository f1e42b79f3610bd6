import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuditEvent, buildDiff } from '../data-access/audit-diff';
import { fieldKey } from '../data-access/audit-labels';

/**
 * The fields of one data change: before (struck through, red) and after (green) for an update,
 * every value of a created record, every value a deleted record had.
 */
@Component({
  selector: 'crm-audit-diff-view',
  imports: [NgTemplateOutlet, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-diff-view.html',
  styleUrl: './audit-diff-view.scss',
})
export class AuditDiffView {
  readonly event = input.required<AuditEvent>();

  protected readonly rows = computed(() => buildDiff(this.event()));
  protected readonly mode = computed(() => {
    const action = this.event().action;
    return action === 'insert' || action === 'delete' ? action : 'update';
  });
  protected readonly fieldKey = fieldKey;
}
