import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { CrmDatePipe } from '@app/core/i18n/format.pipes';
import type { Shown } from './change-fields';

/** A field's name or value from the change formatting: translated, as a date in the interface language, or as it is. */
@Component({
  selector: 'crm-shown-text',
  imports: [TranslocoPipe, CrmDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (shown().kind) {
      @case ('key') { {{ shown().value | transloco }} }
      @case ('date') { {{ shown().value | crmDate: 'short' }} }
      @default { {{ shown().value }} }
    }
  `,
})
export class ShownText {
  readonly shown = input.required<Shown>();
}
