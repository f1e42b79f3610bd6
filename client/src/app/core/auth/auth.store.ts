import { HttpClient } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { finalize, firstValueFrom, map, Observable, shareReplay, tap } from 'rxjs';
import type { Schema } from '../api/schema';
import { AppAbility, abilityFromPackedRules, NO_ABILITY } from './ability';

type Me = Schema<'MeResponse'>;
type Session = Schema<'SessionResponse'>;

const AUTH = '/api/v1/auth';
/** Renew this long before the access token runs out, so requests rarely meet a 401. */
const RENEW_AHEAD_SECONDS = 60;

/**
 * The signed-in user: the access token lives only in memory, the refresh token in an httpOnly
 * cookie the browser sends to /api/v1/auth. A reload restores the session through that cookie.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly token = signal<string | null>(null);
  private readonly me = signal<Me | null>(null);
  private renewal: Observable<string> | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;

  readonly user = computed(() => this.me()?.user ?? null);
  readonly roles = computed(() => this.me()?.roles ?? []);
  readonly signedIn = computed(() => this.token() !== null && this.me() !== null);
  readonly mustChangePassword = computed(() => this.user()?.mustChangePassword ?? false);
  readonly ability = computed<AppAbility>(() => {
    const me = this.me();
    return me === null ? NO_ABILITY : abilityFromPackedRules(me.rules);
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.renewTimer));
  }

  accessToken(): string | null {
    return this.token();
  }

  /** At start-up: resume the session of the refresh cookie, if there is one. Never throws. */
  async restore(): Promise<void> {
    try {
      await firstValueFrom(this.renew());
      await this.reloadMe();
    } catch {
      this.clear();
    }
  }

  async login(login: string, password: string): Promise<void> {
    const session = await firstValueFrom(this.http.post<Session>(`${AUTH}/login`, { login, password }));
    this.accept(session);
    await this.reloadMe();
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await firstValueFrom(this.http.post<void>(`${AUTH}/change-password`, { currentPassword, newPassword }));
    await this.reloadMe();
  }

  async reloadMe(): Promise<void> {
    this.me.set(await firstValueFrom(this.http.get<Me>(`${AUTH}/me`)));
  }

  /** Replaces the user part after the user changed their own profile (for example the language). */
  updateUser(user: Schema<'UserResponse'>): void {
    const me = this.me();
    if (me !== null) {
      this.me.set({ ...me, user });
    }
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>(`${AUTH}/logout`, {}));
    } finally {
      this.clear();
      await this.router.navigateByUrl('/login');
    }
  }

  /**
   * A new access token from the refresh cookie. Concurrent callers share one request, as the
   * server rotates the cookie and would treat a second use of the old one as theft.
   */
  renew(): Observable<string> {
    this.renewal ??= this.http.post<Session>(`${AUTH}/refresh`, {}).pipe(
      tap((session) => this.accept(session)),
      map((session) => session.accessToken),
      finalize(() => (this.renewal = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.renewal;
  }

  /** The session could not be renewed: back to sign-in, then to the page the user was on. */
  async expire(): Promise<void> {
    const returnUrl = this.router.url;
    this.clear();
    if (!returnUrl.startsWith('/login')) {
      await this.router.navigate(['/login'], { queryParams: { returnUrl, expired: 1 } });
    }
  }

  private accept(session: Session): void {
    this.token.set(session.accessToken);
    const me = this.me();
    if (me !== null) {
      this.me.set({ ...me, user: session.user });
    }
    clearTimeout(this.renewTimer);
    const delay = Math.max(session.expiresIn - RENEW_AHEAD_SECONDS, 5) * 1000;
    this.renewTimer = setTimeout(() => {
      this.renew().subscribe({ error: () => void this.expire() });
    }, delay);
  }

  private clear(): void {
    clearTimeout(this.renewTimer);
    this.token.set(null);
    this.me.set(null);
  }
}
