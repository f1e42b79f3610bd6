import { Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { CardTabs } from './card-tabs';

@Component({ template: '', providers: [CardTabs] })
class Card {
  readonly tabs = inject(CardTabs);
}

describe('CardTabs', () => {
  async function at(url: string): Promise<{ tabs: CardTabs; router: Router }> {
    TestBed.configureTestingModule({ providers: [provideRouter([{ path: 'companies/:id', component: Card }])] });
    const router = TestBed.inject(Router);
    await router.navigateByUrl(url);
    return { tabs: TestBed.createComponent(Card).componentInstance.tabs, router };
  }

  it('opens on the timeline without a tab, or with one it does not know', async () => {
    const { tabs, router } = await at('/companies/k1?tab=sales');
    expect(tabs.tab()).toBe('timeline');
    expect(tabs.index()).toBe(0);
    await router.navigateByUrl('/companies/k1');
    expect(tabs.tab()).toBe('timeline');
  });

  it('follows ?tab= and writes the chosen tab into the address, keeping other parameters', async () => {
    const { tabs, router } = await at('/companies/k1?tab=files&from=search');
    expect(tabs.index()).toBe(3);
    tabs.select(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(router.url).toBe('/companies/k1?tab=details&from=search');
    expect(tabs.tab()).toBe('details');
  });
});
