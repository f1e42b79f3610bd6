import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import type { Address, ContactPoint } from '@app/features/contacts/data-access/contacts-api';
import { pointHref, pointIcon } from '@app/features/contacts/ui/point-links';

/**
 * The Details tab's "How to reach" (web site, phones, e-mails, messengers with their channel and
 * label) and addresses of a contact or company, each a titled section of the card's facts grid.
 */
@Component({
  selector: 'crm-reach-facts',
  imports: [TranslocoPipe, MatIconModule],
  providers: [provideTranslocoScope('contacts')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (points().length > 0 || websiteHref()) {
      <section>
        <h2 class="fact-title">{{ 'contacts.detail.reach' | transloco }}</h2>
        <ul class="links">
          @if (websiteHref(); as href) {
            <li><mat-icon aria-hidden="true">language</mat-icon><a [href]="href" target="_blank" rel="noopener">{{ website() }}</a></li>
          }
          @for (point of points(); track $index) {
            <li>
              <mat-icon aria-hidden="true">{{ pointIcon(point) }}</mat-icon>
              @if (pointHref(point); as href) {
                <a [href]="href" [attr.target]="href.startsWith('http') ? '_blank' : null" rel="noopener" data-testid="point-link">{{ point.value }}</a>
              } @else {
                <span>{{ point.value }}</span>
              }
              @if (point.channel) { <span class="hint">{{ 'contacts.channel.' + point.channel | transloco }}</span> }
              @if (point.label) { <span class="hint">{{ 'contacts.label.' + point.label | transloco }}</span> }
            </li>
          }
        </ul>
      </section>
    }
    @if (addresses().length > 0) {
      <section>
        <h2 class="fact-title">{{ 'contacts.fields.addresses' | transloco }}</h2>
        <ul class="links">
          @for (address of addresses(); track $index) {
            <li><mat-icon aria-hidden="true">place</mat-icon>{{ address.line1 }}@if (address.city) {, {{ address.city }}}@if (address.country) {, {{ address.country }}}
              <span class="hint">{{ 'contacts.address.' + address.kind | transloco }}</span></li>
          }
        </ul>
      </section>
    }
  `,
  styleUrl: './reach-facts.scss',
})
export class ReachFacts {
  readonly points = input<ContactPoint[], ContactPoint[] | undefined>([], { transform: (value) => value ?? [] });
  readonly addresses = input<Address[], Address[] | undefined>([], { transform: (value) => value ?? [] });
  readonly website = input<string | null | undefined>(null);

  protected readonly pointHref = pointHref;
  protected readonly pointIcon = pointIcon;
  /** A web site is often written without its scheme ("xezer.az"); the link must not become relative. */
  protected readonly websiteHref = computed(() => {
    const website = this.website()?.trim();
    return website ? (/^https?:\/\//i.test(website) ? website : `https://${website}`) : null;
  });
}
