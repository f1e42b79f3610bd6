import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { CellScope, GRID_ACTIONS, GRID_SUBJECTS, RuleAction, RuleGrid, RuleSubject, scopesFor, withCell } from './role-rules';

/**
 * The rules of a role as a grid: a row per subject, a column per action, in each cell the scope
 * (none, own, team, all). Own and team are offered only where records have a responsible person.
 * Native selects: a hundred of them stay light and work the same with a keyboard and on a phone.
 */
@Component({
  selector: 'crm-rules-grid',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="scroll" role="region" tabindex="0" [attr.aria-label]="'admin.roles.rules' | transloco">
      <table class="grid">
        <thead>
          <tr>
            <th scope="col" class="subject">{{ 'admin.roles.subject' | transloco }}</th>
            @for (action of actions; track action) {
              <th scope="col">{{ 'admin.actions.' + action | transloco }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (subject of subjects; track subject) {
            @let row = grid()[subject];
            <tr>
              <th scope="row" class="subject">{{ 'admin.subjects.' + subject | transloco }}</th>
              @for (action of actions; track action) {
                @let scope = row[action];
                <td [attr.data-scope]="scope">
                  @if (readonly()) {
                    <span class="scope" [attr.data-scope]="scope">
                      @if (scope === 'none') {
                        <span aria-hidden="true">—</span><span class="crm-visually-hidden">{{ 'admin.scopes.none' | transloco }}</span>
                      } @else {
                        {{ 'admin.scopes.' + scope | transloco }}
                      }
                    </span>
                  } @else {
                    <select class="scope" [attr.data-scope]="scope" (change)="set(subject, action, $event)"
                      [attr.aria-label]="('admin.subjects.' + subject | transloco) + ': ' + ('admin.actions.' + action | transloco)">
                      @for (option of scopesFor(subject); track option) {
                        <option [value]="option" [selected]="option === scope">{{ 'admin.scopes.' + option | transloco }}</option>
                      }
                    </select>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styleUrl: './rules-grid.scss',
})
export class RulesGrid {
  readonly grid = model.required<RuleGrid>();
  readonly readonly = input(false);

  protected readonly subjects = GRID_SUBJECTS;
  protected readonly actions = GRID_ACTIONS;
  protected readonly scopesFor = scopesFor;

  protected set(subject: RuleSubject, action: RuleAction, event: Event): void {
    const scope = (event.target as HTMLSelectElement).value as CellScope;
    this.grid.set(withCell(this.grid(), subject, action, scope));
  }
}
