import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { CrmDatePipe, CrmMoneyPipe, CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { LanguageService } from '@app/core/i18n/language.service';
import { CustomField, fromIsoDate, labelOf } from './custom-fields';

/** One custom field value as text: money and dates in the interface language, options by their labels, links clickable. */
@Component({
  selector: 'crm-custom-field-value',
  imports: [TranslocoPipe, CrmDatePipe, CrmMoneyPipe, CrmNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let v = value();
    @if (v === null || v === undefined || v === '' || (isList(v) && v.length === 0)) {
      <span class="empty">—</span>
    } @else {
      @switch (field().type) {
        @case ('money') { {{ money().amount | crmMoney: money().currency }} }
        @case ('date') { {{ date() | crmDate: 'date' }} }
        @case ('number') { {{ asNumber(v) | crmNumber: 6 }} }
        @case ('checkbox') { {{ (v ? 'common.yes' : 'common.no') | transloco }} }
        @case ('select') { {{ optionText(v) }} }
        @case ('multiselect') { {{ optionsText(v) }} }
        @case ('url') { <a [href]="v" target="_blank" rel="noopener noreferrer">{{ v }}</a> }
        @case ('email') { <a [href]="'mailto:' + v">{{ v }}</a> }
        @case ('phone') { <a [href]="'tel:' + v">{{ v }}</a> }
        @default { {{ v }} }
      }
    }
  `,
  styles: `.empty { color: var(--mat-sys-on-surface-variant); }`,
})
export class CustomFieldValue {
  private readonly language = inject(LanguageService);

  readonly field = input.required<CustomField>();
  readonly value = input<unknown>();

  protected readonly money = computed(() => (this.value() ?? {}) as { amount: number; currency: string });
  protected readonly date = computed(() => {
    const value = this.value();
    return typeof value === 'string' ? fromIsoDate(value) : null;
  });

  protected isList(value: unknown): value is unknown[] {
    return Array.isArray(value);
  }

  protected asNumber(value: unknown): number {
    return Number(value);
  }

  protected optionText(value: unknown): string {
    const option = this.field().options.find((candidate) => candidate.value === value);
    return option ? labelOf(option.labels, this.language.current()) : String(value);
  }

  protected optionsText(value: unknown): string {
    return (Array.isArray(value) ? value : []).map((item) => this.optionText(item)).join(', ');
  }
}
