import { computed, inject, Injectable } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { map } from 'rxjs';

/** The tabs of a record's card, in their order on the page; `extra` is a tab of one kind of record (a deal's stage history). */
export const CARD_TABS = ['timeline', 'details', 'history', 'files', 'extra'] as const;
export type CardTab = (typeof CARD_TABS)[number];

/** A card opens on its timeline: what happened last is what a rep opens a card for. */
export const DEFAULT_CARD_TAB: CardTab = 'timeline';

export const isCardTab = (value: unknown): value is CardTab => (CARD_TABS as readonly unknown[]).includes(value);

/**
 * The selected tab of a card, kept in the address (`?tab=details`), so a reload, the back button
 * and a shared link open the same tab. Provided by the card page.
 */
@Injectable()
export class CardTabs {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly requested = toSignal(this.route.queryParamMap.pipe(map((params) => params.get('tab'))), { initialValue: null });

  readonly tab = computed<CardTab>(() => {
    const tab = this.requested();
    return isCardTab(tab) ? tab : DEFAULT_CARD_TAB;
  });
  readonly index = computed(() => CARD_TABS.indexOf(this.tab()));

  /** Switching tabs replaces the address rather than adding to the history: Back leaves the card. */
  select(index: number): void {
    const tab = CARD_TABS[index];
    if (tab === undefined || tab === this.tab()) {
      return;
    }
    void this.router.navigate([], { relativeTo: this.route, queryParams: { tab }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  /** Opens a tab from code, e.g. the form after "Edit". */
  open(tab: CardTab): void {
    this.select(CARD_TABS.indexOf(tab));
  }
}
