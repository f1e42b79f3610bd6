import { Injectable, signal } from '@angular/core';

/** Whether the server can be reached: lost on a failed request or the browser going offline, back on the next answer. */
@Injectable({ providedIn: 'root' })
export class NetworkStatus {
  private readonly lost = signal(typeof navigator !== 'undefined' && !navigator.onLine);
  readonly offline = this.lost.asReadonly();

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', () => this.lost.set(true));
      window.addEventListener('online', () => this.lost.set(false));
    }
  }

  markLost(): void {
    this.lost.set(true);
  }

  markReachable(): void {
    this.lost.set(false);
  }
}
