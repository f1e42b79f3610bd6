import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectChange, MatSelectModule } from '@angular/material/select';
import { LanguageService } from '@app/core/i18n/language.service';
import { CustomField, labelOf } from './custom-fields';

/** The values a `cf` filter on a choice field picks: `key:eq:v` or `key:in:a,b`. */
export function pickedValues(cf: readonly string[], key: string): string[] {
  for (const term of cf) {
    const match = /^([a-z][a-z0-9_]*):(eq|in):(.*)$/.exec(term);
    if (match && match[1] === key) {
      return match[3].split(',').filter((value) => value !== '');
    }
  }
  return [];
}

/** `cf` with the filter on `key` replaced by one that picks `values` (none: no filter on it). */
export function withPicked(cf: readonly string[], key: string, values: readonly string[]): string[] {
  const others = cf.filter((term) => !term.startsWith(`${key}:`));
  if (values.length === 0) {
    return others;
  }
  return [...others, values.length === 1 ? `${key}:eq:${values[0]}` : `${key}:in:${values.join(',')}`];
}

/** For the filter bar of a list: one choice per select field, narrowing the list to the options picked. */
@Component({
  selector: 'crm-custom-field-filters',
  imports: [MatFormFieldModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (field of choiceFields(); track field.key) {
      <mat-form-field subscriptSizing="dynamic" class="filter">
        <mat-label>{{ label(field) }}</mat-label>
        <mat-select multiple [value]="picked(field.key)" (selectionChange)="pick(field.key, $event)" [attr.data-testid]="'cf-filter-' + field.key">
          @for (option of field.options; track option.value) {
            <mat-option [value]="option.value">{{ label(option) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
  `,
  styles: `
    :host { display: contents; }
    .filter { width: 200px; }
  `,
})
export class CustomFieldFilters {
  private readonly language = inject(LanguageService);

  readonly fields = input.required<readonly CustomField[]>();
  /** The list's current `cf` filters. */
  readonly cf = input<readonly string[]>([]);
  readonly cfChange = output<string[]>();

  protected readonly choiceFields = computed(() => this.fields().filter((field) => field.active && (field.type === 'select' || field.type === 'multiselect')));

  protected label(item: Pick<CustomField, 'labels'>): string {
    return labelOf(item.labels, this.language.current());
  }

  protected picked(key: string): string[] {
    return pickedValues(this.cf(), key);
  }

  protected pick(key: string, change: MatSelectChange<string[]>): void {
    this.cfChange.emit(withPicked(this.cf(), key, change.value));
  }
}
