import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Schema } from '@app/core/api/schema';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { NAV_ITEMS } from '@app/core/layout/nav';

/** The start page: a greeting and the sections the user may open, with how many customers they see. */
@Component({
  selector: 'crm-home-page',
  imports: [RouterLink, MatCardModule, MatIconModule, MatButtonModule, TranslocoPipe, CrmNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="crm-page">
      <h1 class="title">{{ 'home.greeting' | transloco: { name: auth.user()?.displayName } }}</h1>
      <div class="tiles">
        @for (item of sections(); track item.path) {
          <a class="tile" [routerLink]="item.path">
            <mat-icon aria-hidden="true">{{ item.icon }}</mat-icon>
            <span class="tile-label">{{ item.label | transloco }}</span>
            @if (item.path === '/contacts' && contactCount() !== null) {
              <span class="tile-figure" data-testid="contact-count">{{ contactCount() | crmNumber }}</span>
            }
          </a>
        }
      </div>
    </section>
  `,
  styles: `
    .title { font: var(--mat-sys-headline-small); margin: 0 0 24px; }
    .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 16px; }
    .tile {
      display: grid; grid-template-columns: auto 1fr; align-items: center; gap: 4px 16px;
      padding: 20px; border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container); color: var(--mat-sys-on-surface); text-decoration: none;
      &:hover, &:focus-visible { background: var(--mat-sys-surface-container-high); }
      mat-icon { grid-row: span 2; color: var(--mat-sys-primary); }
    }
    .tile-label { font: var(--mat-sys-title-medium); }
    .tile-figure { font: var(--mat-sys-headline-small); }
  `,
})
export class HomePage {
  protected readonly auth = inject(AuthStore);
  protected readonly contactCount = signal<number | null>(null);
  protected readonly sections = computed(() => {
    const ability = this.auth.ability();
    return NAV_ITEMS.filter((item) => item.path !== '/' && item.requires.some(([action, subject]) => ability.can(action, subject)));
  });

  constructor() {
    if (this.auth.ability().can('read', 'Contact')) {
      inject(HttpClient)
        .get<Schema<'ContactPage'>>('/api/v1/contacts', { params: { limit: 1, count: true } })
        .subscribe({ next: (page) => this.contactCount.set(page.total ?? null), error: () => this.contactCount.set(null) });
    }
  }
}
