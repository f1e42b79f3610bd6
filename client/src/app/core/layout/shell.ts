import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormsModule, ReactiveFormsModule } from '@angular/forms';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { map } from 'rxjs';
import { AuthStore } from '../auth/auth.store';
import { LANGUAGE_NAMES, LANGUAGES, Language } from '../i18n/i18n';
import { LanguageService } from '../i18n/language.service';
import { BrandingStore } from './branding.store';
import { NAV_ITEMS } from './nav';
import { ThemeChoice, ThemeService } from './theme.service';

/** The frame of every signed-in page: side navigation, top bar, the page. */
@Component({
  selector: 'crm-shell',
  imports: [
    FormsModule, ReactiveFormsModule, RouterOutlet, RouterLink, RouterLinkActive, TranslocoPipe,
    MatSidenavModule, MatToolbarModule, MatListModule, MatIconModule, MatButtonModule, MatMenuModule,
    MatBadgeModule, MatTooltipModule, MatDividerModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthStore);
  protected readonly language = inject(LanguageService);
  protected readonly theme = inject(ThemeService);
  protected readonly branding = inject(BrandingStore).branding;
  protected readonly languages = LANGUAGES;
  protected readonly languageNames = LANGUAGE_NAMES;
  protected readonly themes: ThemeChoice[] = ['system', 'light', 'dark'];
  protected readonly search = new FormControl('', { nonNullable: true });

  protected readonly handset = toSignal(
    inject(BreakpointObserver).observe('(max-width: 959px)').pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly nav = computed(() => {
    const ability = this.auth.ability();
    return NAV_ITEMS.filter((item) => item.requires.length === 0 || item.requires.some(([action, subject]) => ability.can(action, subject)));
  });
  protected readonly canSearch = computed(() => this.auth.ability().can('read', 'Contact'));
  protected readonly initials = computed(() =>
    (this.auth.user()?.displayName ?? '?').split(/\s+/).slice(0, 2).map((part) => part.charAt(0).toUpperCase()).join(''),
  );

  protected submitSearch(): void {
    const q = this.search.value.trim();
    void this.router.navigate(['/contacts'], { queryParams: q === '' ? {} : { q } });
  }

  protected chooseLanguage(language: Language): void {
    void this.language.choose(language);
  }

  protected logout(): void {
    void this.auth.logout();
  }
}
