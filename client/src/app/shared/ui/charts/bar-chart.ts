import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { LanguageService } from '@app/core/i18n/language.service';

/** One bar: its label and value. */
export interface BarDatum {
  label: string;
  value: number;
}

const ROW_HEIGHT = 28;
const BAR_HEIGHT = 18;
const LABEL_WIDTH = 160;
const VALUE_WIDTH = 120;
const WIDTH = 640;

/** At most this many characters of a label fit beside its bar; the table keeps the whole text. */
const LABEL_CHARS = 22;

const cut = (text: string): string => (text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text);

/**
 * Horizontal bars with their labels and values, drawn in SVG. Values are formatted in the interface
 * language (as money when `currency` is given). For screen readers the picture is one image with
 * `caption` as its name, and the same numbers are in a visually hidden table.
 */
@Component({
  selector: 'crm-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg role="img" [attr.aria-label]="caption()" [attr.viewBox]="'0 0 ' + width + ' ' + height()" preserveAspectRatio="xMinYMin meet" class="chart" data-testid="bar-chart">
      @for (bar of bars(); track $index) {
        <g [attr.transform]="'translate(0,' + bar.y + ')'" aria-hidden="true">
          <text class="label" [attr.x]="labelWidth - 8" [attr.y]="barHeight / 2" text-anchor="end" dominant-baseline="central">{{ bar.shortLabel }}</text>
          <rect class="bar" [attr.x]="labelWidth" y="0" [attr.width]="bar.width" [attr.height]="barHeight" rx="3" />
          <text class="value" [attr.x]="labelWidth + bar.width + 6" [attr.y]="barHeight / 2" dominant-baseline="central">{{ bar.text }}</text>
        </g>
      }
    </svg>
    <table class="cdk-visually-hidden" data-testid="bar-chart-table">
      <caption>{{ caption() }}</caption>
      <tbody>
        @for (bar of bars(); track $index) {
          <tr><th scope="row">{{ bar.label }}</th><td>{{ bar.text }}</td></tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    :host { display: block; }
    .chart { width: 100%; max-width: 640px; height: auto; display: block; }
    .bar { fill: var(--mat-sys-primary); }
    .label { fill: var(--mat-sys-on-surface); font: var(--mat-sys-body-small); }
    .value { fill: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
  `,
})
export class BarChart {
  private readonly language = inject(LanguageService);

  readonly data = input.required<readonly BarDatum[]>();
  /** What the chart shows, in words: the image's name and the table's caption. */
  readonly caption = input.required<string>();
  /** ISO 4217 code: values are money in it. */
  readonly currency = input<string | null>(null);

  protected readonly width = WIDTH;
  protected readonly labelWidth = LABEL_WIDTH;
  protected readonly barHeight = BAR_HEIGHT;
  protected readonly height = computed(() => Math.max(1, this.data().length) * ROW_HEIGHT);

  private readonly format = computed(() => {
    const [locale, currency] = [this.language.intlLocale(), this.currency()];
    return new Intl.NumberFormat(locale, currency === null ? { maximumFractionDigits: 2 } : { style: 'currency', currency });
  });

  protected readonly bars = computed(() => {
    const data = this.data();
    const max = Math.max(0, ...data.map((d) => d.value));
    const room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    const format = this.format();
    return data.map((d, i) => ({
      label: d.label,
      shortLabel: cut(d.label),
      text: format.format(d.value),
      y: i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
      // A zero or negative value keeps a hairline, so its row still reads as a bar.
      width: max <= 0 ? 1 : Math.max(1, (Math.max(0, d.value) / max) * room),
    }));
  });
}
