import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import { actionKey, actionLook } from '../data-access/audit-labels';

/** An action in words with its icon and colour: created green, changed blue, deleted and refused red. */
@Component({
  selector: 'crm-audit-action',
  imports: [MatIconModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"tone-" + look().tone', '[attr.data-action]': 'action()' },
  template: `
    <mat-icon aria-hidden="true">{{ look().icon }}</mat-icon>
    <span>{{ key() | transloco: { name: action() } }}</span>
  `,
  styleUrl: './audit-action.scss',
})
export class AuditAction {
  readonly action = input.required<string>();
  protected readonly look = computed(() => actionLook(this.action()));
  protected readonly key = computed(() => actionKey(this.action()));
}
