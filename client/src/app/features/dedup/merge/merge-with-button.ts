import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { Router } from '@angular/router';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { MergePickData, pickContactToMerge } from './merge-pick.dialog';

/** "Merge with…" on a contact card: pick the other contact, then the merge screen. */
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

  readonly contact = input.required<MergePickData['contact']>();

  protected async open(): Promise<void> {
    const other = await pickContactToMerge(this.dialog, this.contact());
    if (other !== undefined) {
      await this.router.navigate(['/contacts', this.contact().id, 'merge'], { queryParams: { with: other } });
    }
  }
}
