import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { ADMIN_TABS } from './admin-tabs';

/** The administration: one tab per kind of record the user may manage. The tabs are links (with aria-current), each a page of its own. */
@Component({
  selector: 'crm-admin-page',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatTabsModule, MatIconModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="crm-page">
      <h1 class="title">{{ 'nav.admin' | transloco }}</h1>
      <nav mat-tab-nav-bar mat-stretch-tabs="false" mat-align-tabs="start" [attr.aria-label]="'admin.tabs.label' | transloco">
        @for (tab of tabs(); track tab.path) {
          <a mat-tab-link [routerLink]="tab.path" routerLinkActive #active="routerLinkActive" [active]="active.isActive">
            <mat-icon aria-hidden="true">{{ tab.icon }}</mat-icon>
            <span>{{ tab.label | transloco }}</span>
          </a>
        }
      </nav>
      <div class="panel">
        <router-outlet />
      </div>
    </section>
  `,
  styles: `
    .title { font: var(--mat-sys-headline-small); margin: 0 0 8px; }
    a mat-icon { margin-inline-end: 8px; }
    .panel { display: block; padding-top: 20px; }
  `,
})
export class AdminPage {
  private readonly auth = inject(AuthStore);
  protected readonly tabs = computed(() => {
    const ability = this.auth.ability();
    return ADMIN_TABS.filter((tab) => ability.can('update', tab.subject));
  });
}
