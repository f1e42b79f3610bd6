import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { Router } from '@angular/router';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import type { DedupEntity } from '../data-access/dedup-api';
import { MergePickData, pickRecordToMerge } from './merge-pick.dialog';

/** "Merge with…" on a contact or company card: pick the other record, then the merge screen. */
@Component({
  selector: 'crm-merge-with-button',
  imports: [TranslocoPipe, MatButtonModule, MatIconModule],
  providers: [provideTranslocoScope('dedup')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-button type="button" (click)="open()" data-testid="merge-with">
      <mat-icon>merge</mat-icon>{{ 'dedup.pick.open' | transloco }}
    </button>
  `,
})
export class MergeWithButton {
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);

  readonly entity = input.required<DedupEntity>();
  readonly record = input.required<MergePickData['record']>();

  protected async open(): Promise<void> {
    const [entity, record] = [this.entity(), this.record()];
    const other = await pickRecordToMerge(this.dialog, { entity, record });
    if (other !== undefined) {
      await this.router.navigate(['/', entity, record.id, 'merge'], { queryParams: { with: other } });
    }
  }
}
