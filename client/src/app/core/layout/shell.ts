import { BreakpointObserver } from '@angular/cdk/layout';
import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormsModule, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
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
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import type { Schema } from '../api/schema';
import { AuthStore } from '../auth/auth.store';
import { LANGUAGE_NAMES, LANGUAGES, Language } from '../i18n/i18n';
import { LanguageService } from '../i18n/language.service';
import { BrandingStore } from './branding.store';
import { NAV_ITEMS } from './nav';
import { ThemeChoice, ThemeService } from './theme.service';

/** Where a search hit's card is. */
const HIT_ROUTES: Record<Schema<'SearchHit'>['type'], string> = { contact: '/contacts', company: '/companies', deal: '/deals' };

/** The frame of every signed-in page: side navigation, top bar, the page. */
@Component({
  selector: 'crm-shell',
  imports: [
    FormsModule, ReactiveFormsModule, RouterOutlet, RouterLink, RouterLinkActive, TranslocoPipe,
    MatSidenavModule, MatToolbarModule, MatListModule, MatIconModule, MatButtonModule, MatMenuModule,
    MatBadgeModule, MatTooltipModule, MatDividerModule, MatAutocompleteModule,
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
  /** Contacts, companies and deals matching the top bar's text, each filtered by the user's rules on the server. */
  protected readonly hits = signal<Schema<'SearchHit'>[]>([]);
  protected readonly hitIcons: Record<Schema<'SearchHit'>['type'], string> = { contact: 'person', company: 'business', deal: 'handshake' };

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

  constructor() {
    const http = inject(HttpClient);
    this.search.valueChanges
      .pipe(
        map((value) => (typeof value === 'string' ? value.trim() : '')),
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) =>
          q === ''
            ? of({ items: [] })
            : http.get<Schema<'SearchResponse'>>('/api/v1/search', { params: { q, limit: 5 } }).pipe(catchError(() => of({ items: [] }))),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((response) => this.hits.set(response.items));
  }

  protected readonly hitTitle = (hit: Schema<'SearchHit'> | string | null): string => (typeof hit === 'string' ? hit : (hit?.title ?? ''));

  /** A chosen hit opens its card; Enter without a choice searches the contact list as before. */
  protected openHit(event: MatAutocompleteSelectedEvent): void {
    const hit = event.option.value as Schema<'SearchHit'>;
    this.search.setValue('', { emitEvent: false });
    this.hits.set([]);
    void this.router.navigate([HIT_ROUTES[hit.type], hit.id]);
  }

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
