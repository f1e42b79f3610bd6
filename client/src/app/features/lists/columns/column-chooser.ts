import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { ColumnOption } from './list-columns';

/**
 * Which optional columns a list shows: a menu of checkable items (standard columns, then custom
 * fields). A click toggles one and keeps the menu open, so several can be changed in a row.
 */
@Component({
  selector: 'crm-column-chooser',
  imports: [MatButtonModule, MatMenuModule, MatIconModule, MatDividerModule, TranslocoPipe],
  providers: [provideTranslocoScope('lists')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-stroked-button type="button" [matMenuTriggerFor]="menu" data-testid="column-chooser">
      <mat-icon>view_column</mat-icon>{{ 'lists.columns.button' | transloco }}
    </button>
    <mat-menu #menu="matMenu" [aria-label]="'lists.columns.menu' | transloco">
      @for (option of options(); track option.id; let i = $index) {
        @if (option.custom && (i === 0 || !options()[i - 1].custom)) {
          <mat-divider />
        }
        <button mat-menu-item type="button" role="menuitemcheckbox" [attr.aria-checked]="isChosen(option.id)" (click)="toggle(option.id, $event)"
          [attr.data-testid]="'column-' + option.id">
          <mat-icon>{{ isChosen(option.id) ? 'check_box' : 'check_box_outline_blank' }}</mat-icon>
          <span>{{ option.custom ? option.label : (option.label | transloco) }}</span>
        </button>
      }
      <mat-divider />
      <button mat-menu-item type="button" (click)="chosenChange.emit(defaults())" data-testid="columns-default">
        <mat-icon>restart_alt</mat-icon><span>{{ 'lists.columns.defaults' | transloco }}</span>
      </button>
    </mat-menu>
  `,
})
export class ColumnChooser {
  readonly options = input.required<readonly ColumnOption[]>();
  /** Ids of the optional columns shown. */
  readonly chosen = input.required<readonly string[]>();
  readonly defaults = input.required<string[]>();
  /** The new choice, in the order of the options. */
  readonly chosenChange = output<string[]>();

  private readonly chosenSet = computed(() => new Set(this.chosen()));

  protected isChosen(id: string): boolean {
    return this.chosenSet().has(id);
  }

  protected toggle(id: string, event: Event): void {
    // The menu closes on a click that reaches its panel; this one stays a toggle.
    event.stopPropagation();
    const chosen = new Set(this.chosen());
    if (chosen.has(id)) {
      chosen.delete(id);
    } else {
      chosen.add(id);
    }
    this.chosenChange.emit(this.options().map((option) => option.id).filter((optionId) => chosen.has(optionId)));
  }
}
