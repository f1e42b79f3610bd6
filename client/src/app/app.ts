import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { NetworkStatus } from './core/http/network-status';

@Component({
  selector: 'crm-root',
  imports: [RouterOutlet, MatIconModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (network.offline()) {
      <div class="network-banner" role="alert">
        <mat-icon aria-hidden="true">cloud_off</mat-icon>
        <span>{{ 'app.offline' | transloco }}</span>
      </div>
    }
    <router-outlet />
  `,
  styles: `
    .network-banner {
      position: fixed; inset: auto 0 0 0; z-index: 1000;
      display: flex; align-items: center; justify-content: center; gap: 8px;
      padding: 10px 16px;
      background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container);
      font: var(--mat-sys-body-large);
    }
  `,
})
export class App {
  protected readonly network = inject(NetworkStatus);
}
