import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling, withNavigationErrorHandler } from '@angular/router';
import { appRoutes } from './app.routes';
import { authInterceptor } from './core/auth/auth.interceptor';
import { AuthStore } from './core/auth/auth.store';
import { NetworkStatus } from './core/http/network-status';
import { networkInterceptor } from './core/http/network.interceptor';
import { provideI18n } from './core/i18n/i18n';
import { LanguageService } from './core/i18n/language.service';
import { BrandingStore } from './core/layout/branding.store';
import { ThemeService } from './core/layout/theme.service';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
      // A page's code could not be fetched: the server is out of reach, so say so instead of staying blank.
      withNavigationErrorHandler(() => inject(NetworkStatus).markLost()),
    ),
    provideHttpClient(withFetch(), withInterceptors([networkInterceptor, authInterceptor])),
    provideI18n(),
    provideAppInitializer(() => {
      inject(MatIconRegistry).setDefaultFontSetClass('material-symbols-outlined');
      inject(ThemeService);
      inject(LanguageService);
      return Promise.all([inject(AuthStore).restore(), inject(BrandingStore).load()]).then(() => undefined);
    }),
  ],
};
