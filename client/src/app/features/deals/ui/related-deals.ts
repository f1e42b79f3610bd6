import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmMoneyPipe } from '@app/core/i18n/format.pipes';
import { Notify } from '@app/shared/ui/notify.service';
import { DealListItem, DealsApi } from '../data-access/deals-api';

/** As many deals as a card lists; the deals list shows the rest. */
const SHOWN = 20;

/**
 * The deals of a contact or company on its card, with "New deal" prefilled with the customer.
 * Shown to roles that read deals; each sees only the deals it may read.
 */
@Component({
  selector: 'crm-related-deals',
  imports: [RouterLink, TranslocoPipe, CrmMoneyPipe, MatButtonModule, MatIconModule],
  providers: [provideTranslocoScope('deals')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (canRead()) {
      <section class="deals" data-testid="related-deals">
        <h2>{{ 'deals.related.title' | transloco }}</h2>
        @if (error()) {
          <p class="hint" role="alert">{{ error() }}</p>
        } @else if (loaded() && deals().length === 0) {
          <p class="hint">{{ 'deals.related.none' | transloco }}</p>
        }
        <ul class="links">
          @for (deal of deals(); track deal.id) {
            <li data-testid="related-deal">
              <mat-icon aria-hidden="true">{{ deal.status === 'won' ? 'emoji_events' : deal.status === 'lost' ? 'block' : 'handshake' }}</mat-icon>
              <a [routerLink]="['/deals', deal.id]">{{ deal.title }}</a>
              @if (deal.amount !== null) { <span class="hint">{{ deal.amount | crmMoney: deal.currency }}</span> }
              @if (deal.status !== 'open') { <span class="hint">{{ 'deals.status.' + deal.status | transloco }}</span> }
            </li>
          }
        </ul>
        @if (canCreate()) {
          <a mat-stroked-button routerLink="/deals/new" [queryParams]="prefill()" data-testid="related-deal-new"><mat-icon>add</mat-icon>{{ 'deals.new' | transloco }}</a>
        }
      </section>
    }
  `,
  styles: `
    h2 { margin: 0 0 4px; font: var(--mat-sys-title-small); color: var(--mat-sys-on-surface-variant); }
    .links { margin: 0 0 8px; padding: 0; list-style: none; }
    .links li { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 4px 0; overflow-wrap: anywhere; }
    .links mat-icon { color: var(--mat-sys-on-surface-variant); }
    .links a { color: var(--mat-sys-primary); }
    .hint { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
  `,
})
export class RelatedDeals {
  private readonly api = inject(DealsApi);
  private readonly auth = inject(AuthStore);
  private readonly notify = inject(Notify);

  readonly entity = input.required<'contact' | 'company'>();
  readonly recordId = input.required<string>();
  /** The customer's name, for the new deal's picker. */
  readonly name = input<string | null | undefined>(null);

  protected readonly deals = signal<DealListItem[]>([]);
  protected readonly loaded = signal(false);
  protected readonly error = signal('');
  protected readonly canRead = computed(() => this.auth.ability().can('read', 'Deal'));
  protected readonly canCreate = computed(() => this.auth.ability().can('create', 'Deal'));
  protected readonly prefill = computed(() =>
    this.entity() === 'contact' ? { contact: this.recordId(), contactName: this.name() ?? '' } : { company: this.recordId(), companyName: this.name() ?? '' },
  );

  constructor() {
    effect(() => {
      const [entity, id, canRead] = [this.entity(), this.recordId(), this.canRead()];
      if (canRead) {
        untracked(() => void this.load(entity, id));
      }
    });
  }

  private async load(entity: 'contact' | 'company', id: string): Promise<void> {
    try {
      const page = await firstValueFrom(this.api.list({ ...(entity === 'contact' ? { contactId: id } : { companyId: id }), limit: SHOWN, sort: '-updatedAt' }));
      this.deals.set(page.items);
      this.error.set('');
    } catch (error) {
      this.error.set(this.notify.describe(error));
    } finally {
      this.loaded.set(true);
    }
  }
}
