import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

/** Board or list: the same deals and filters (the address's query parameters go along). */
@Component({
  selector: 'crm-deals-view-switch',
  imports: [RouterLink, TranslocoPipe, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="switch" [attr.aria-label]="'deals.view.label' | transloco">
      <a mat-button routerLink="/deals" queryParamsHandling="preserve" [attr.aria-current]="view() === 'board' ? 'page' : null" [class.current]="view() === 'board'" data-testid="view-board">
        <mat-icon>view_kanban</mat-icon>{{ 'deals.view.board' | transloco }}
      </a>
      <a mat-button routerLink="/deals/list" queryParamsHandling="preserve" [attr.aria-current]="view() === 'list' ? 'page' : null" [class.current]="view() === 'list'" data-testid="view-list">
        <mat-icon>view_list</mat-icon>{{ 'deals.view.list' | transloco }}
      </a>
    </nav>
  `,
  styles: `
    .switch { display: inline-flex; gap: 4px; border: 1px solid var(--mat-sys-outline-variant); border-radius: var(--mat-sys-corner-full); padding: 2px; }
    .current { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
  `,
})
export class DealsViewSwitch {
  readonly view = input.required<'board' | 'list'>();
}
