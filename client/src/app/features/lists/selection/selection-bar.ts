import { ChangeDetectionStrategy, Component, inject, Injector, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { Notify } from '@app/shared/ui/notify.service';
import { ListResource } from '../data-access/lists-api';
import { MAX_SELECTION, SelectionStore } from '../data-access/selection.store';
import type { AssignDialogData } from './assign-dialog';

/**
 * What can be done with the rows picked in a list: give them to another responsible person
 * (the dialog is loaded on first use) or drop the selection. Uses the list's SelectionStore.
 */
@Component({
  selector: 'crm-selection-bar',
  imports: [MatButtonModule, MatIconModule, TranslocoPipe],
  providers: [provideTranslocoScope('lists')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="bar" role="group" [attr.aria-label]="'lists.selection.label' | transloco" data-testid="selection-bar">
      <span class="count" role="status">{{ 'lists.selection.count' | transloco: { count: selection.count() } }}</span>
      <button mat-flat-button type="button" (click)="assign()" [disabled]="selection.count() === 0 || selection.tooMany()" data-testid="assign-selected">
        <mat-icon>person_add</mat-icon>{{ 'lists.selection.assign' | transloco }}
      </button>
      <button mat-button type="button" (click)="selection.clear()" [disabled]="selection.count() === 0">{{ 'lists.selection.clear' | transloco }}</button>
      @if (selection.tooMany()) {
        <span class="hint">{{ 'lists.selection.tooMany' | transloco: { max } }}</span>
      }
    </div>
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      padding: 8px 16px;
      margin-bottom: 8px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .count { font: var(--mat-sys-title-small); }
    .hint { font: var(--mat-sys-body-small); }
  `,
})
export class SelectionBar {
  protected readonly selection = inject(SelectionStore);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly notify = inject(Notify);

  readonly resource = input.required<ListResource>();
  /** The records changed owner: the list reloads. */
  readonly assigned = output<number>();

  protected readonly max = MAX_SELECTION;

  protected async assign(): Promise<void> {
    const { AssignDialog } = await import('./assign-dialog');
    const ref = this.dialog.open<InstanceType<typeof AssignDialog>, AssignDialogData, number>(AssignDialog, {
      data: { resource: this.resource(), ids: this.selection.selected() },
      injector: this.injector,
      width: '520px',
      maxWidth: '95vw',
    });
    const assigned = await firstValueFrom(ref.afterClosed());
    if (assigned !== undefined) {
      this.notify.success('lists.assign.done', { count: assigned });
      this.selection.clear();
      this.assigned.emit(assigned);
    }
  }
}
