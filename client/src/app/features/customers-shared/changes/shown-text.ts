import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import type { Shown } from './change-fields';

/** A field's name or value from the change formatting: translated, as a date in the interface language, or as it is. */
@Component({
  selector: 'crm-shown-text',
  imports: [TranslocoPipe, CrmDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // One interpolation, no whitespace around it: the text sits tight against a following colon.
  template: `{{ shown().kind === 'key' ? (shown().value | transloco) : shown().kind === 'date' ? (shown().value | crmDate: 'short') : shown().value }}`,
})
export class ShownText {
  readonly shown = input.required<Shown>();
}
