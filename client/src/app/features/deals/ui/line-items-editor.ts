import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { map, startWith, switchMap } from 'rxjs';
import { CrmMoneyPipe } from '@app/core/i18n/format.pipes';
import { FieldErrors } from '@app/shared/ui/field-errors';
import type { LineItem } from '../data-access/deals-api';
import { lineTotal, linesTotal, LineValues } from '../data-access/line-items';

export type LineForm = FormGroup<{
  name: FormControl<string>;
  quantity: FormControl<number | null>;
  unitPrice: FormControl<number | null>;
  discountPercent: FormControl<number | null>;
}>;

export const lineGroup = (line?: Partial<LineItem>): LineForm =>
  new FormGroup({
    name: new FormControl(line?.name ?? '', { nonNullable: true, validators: [Validators.required, Validators.maxLength(300)] }),
    quantity: new FormControl<number | null>(line?.quantity ?? 1, [Validators.required, Validators.min(0)]),
    unitPrice: new FormControl<number | null>(line?.unitPrice ?? null, [Validators.required, Validators.min(0)]),
    discountPercent: new FormControl<number | null>(line?.discountPercent ?? 0, [Validators.min(0), Validators.max(100)]),
  });

/** The lines as the API takes them. */
export const lineValues = (array: FormArray<LineForm>): Omit<LineItem, 'id' | 'total'>[] =>
  array.getRawValue().map((line) => ({ name: line.name.trim(), quantity: line.quantity ?? 0, unitPrice: line.unitPrice ?? 0, discountPercent: line.discountPercent ?? 0 }));

/**
 * Products and services of a deal: name, quantity, unit price and discount per line, with each
 * line's total and the sum shown while typing. With lines, the deal's amount is their sum.
 */
@Component({
  selector: 'crm-line-items-editor',
  imports: [ReactiveFormsModule, TranslocoPipe, CrmMoneyPipe, FieldErrors, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="lines" [disabled]="array().disabled" data-testid="line-items">
      <legend>{{ 'deals.fields.lineItems' | transloco }}</legend>
      @for (line of array().controls; track line; let i = $index) {
        <div class="line" [formGroup]="line" data-testid="line-item">
          <mat-form-field class="name" subscriptSizing="dynamic">
            <mat-label>{{ 'deals.fields.itemName' | transloco }}</mat-label>
            <input matInput formControlName="name" autocomplete="off" />
            <mat-error><crm-field-errors [control]="line.controls.name" /></mat-error>
          </mat-form-field>
          <mat-form-field class="number" subscriptSizing="dynamic">
            <mat-label>{{ 'deals.fields.quantity' | transloco }}</mat-label>
            <input matInput type="number" min="0" step="any" formControlName="quantity" />
          </mat-form-field>
          <mat-form-field class="number" subscriptSizing="dynamic">
            <mat-label>{{ 'deals.fields.unitPrice' | transloco }}</mat-label>
            <input matInput type="number" min="0" step="0.01" formControlName="unitPrice" />
          </mat-form-field>
          <mat-form-field class="number" subscriptSizing="dynamic">
            <mat-label>{{ 'deals.fields.discountPercent' | transloco }}</mat-label>
            <input matInput type="number" min="0" max="100" step="any" formControlName="discountPercent" />
          </mat-form-field>
          <output class="total" data-testid="line-total">{{ totals()[i] | crmMoney: currency() }}</output>
          <button mat-icon-button type="button" (click)="remove(i)" [attr.aria-label]="'deals.form.removeLine' | transloco: { index: i + 1 }">
            <mat-icon>delete</mat-icon>
          </button>
        </div>
      }
      <div class="foot">
        <button mat-stroked-button type="button" (click)="add()" data-testid="line-add"><mat-icon>add</mat-icon>{{ 'deals.form.addLine' | transloco }}</button>
        @if (array().length > 0) {
          <span class="sum">{{ 'deals.fields.lineTotal' | transloco }}: <output data-testid="lines-total">{{ sum() | crmMoney: currency() }}</output></span>
        }
      </div>
    </fieldset>
  `,
  styles: `
    .lines { border: 1px solid var(--mat-sys-outline-variant); border-radius: var(--mat-sys-corner-medium); padding: 8px 16px 16px; margin: 0 0 16px; }
    legend { padding: 0 4px; font: var(--mat-sys-title-small); }
    .line { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-bottom: 8px; }
    .name { flex: 2 1 220px; }
    .number { flex: 1 1 110px; }
    .total { flex: 0 0 120px; text-align: end; font-weight: 600; }
    .foot { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; }
    .sum { margin-inline-start: auto; font: var(--mat-sys-title-small); }
  `,
})
export class LineItemsEditor {
  readonly array = input.required<FormArray<LineForm>>();
  readonly currency = input.required<string>();

  private readonly values = toSignal(
    toObservable(this.array).pipe(switchMap((array) => array.valueChanges.pipe(startWith(null), map(() => array.getRawValue() as LineValues[])))),
    { initialValue: [] as LineValues[] },
  );
  protected readonly totals = computed(() => this.values().map(lineTotal));
  protected readonly sum = computed(() => linesTotal(this.values()));

  protected add(): void {
    this.array().push(lineGroup());
    this.array().markAsDirty();
  }

  protected remove(index: number): void {
    this.array().removeAt(index);
    this.array().markAsDirty();
  }
}
