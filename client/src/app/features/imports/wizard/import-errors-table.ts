import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { TranslocoPipe } from '@jsverse/transloco';

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

/** Rows of an import file that are (or would be) left out: row number as in the file, field, reason. */
@Component({
  selector: 'crm-import-errors-table',
  imports: [MatTableModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table mat-table [dataSource]="errors()">
      <ng-container matColumnDef="row">
        <th mat-header-cell *matHeaderCellDef>{{ 'imports.errors.row' | transloco }}</th>
        <td mat-cell *matCellDef="let error">{{ error.row }}</td>
      </ng-container>
      <ng-container matColumnDef="field">
        <th mat-header-cell *matHeaderCellDef>{{ 'imports.errors.field' | transloco }}</th>
        <td mat-cell *matCellDef="let error">{{ fieldLabel()(error.field) }}</td>
      </ng-container>
      <ng-container matColumnDef="message">
        <th mat-header-cell *matHeaderCellDef>{{ 'imports.errors.message' | transloco }}</th>
        <td mat-cell *matCellDef="let error">{{ error.message }}</td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let row; columns: columns"></tr>
    </table>
  `,
  styles: `
    table {
      width: 100%;
    }
  `,
})
export class ImportErrorsTable {
  readonly errors = input.required<readonly ImportRowError[]>();
  /** The name of a field (a target) in the user's language. */
  readonly fieldLabel = input<(field: string) => string>((field) => field);
  protected readonly columns = ['row', 'field', 'message'];
}
