import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';

export interface OneTimePasswordData {
  reason: 'created' | 'reset';
  displayName: string;
  login: string;
  password: string;
}

/**
 * The one-time password of a new user or after a reset. The server returns it only once, so the
 * dialog closes only by the button: a click beside it must not lose the password.
 */
@Component({
  selector: 'crm-one-time-password-dialog',
  imports: [MatDialogModule, MatButtonModule, MatIconModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ (data.reason === 'created' ? 'admin.password.createdTitle' : 'admin.password.resetTitle') | transloco }}</h2>
    <mat-dialog-content>
      <p>{{ 'admin.password.intro' | transloco: { name: data.displayName, login: data.login } }}</p>
      <div class="secret">
        <code data-testid="one-time-password">{{ data.password }}</code>
        <button mat-stroked-button type="button" (click)="copy()">
          <mat-icon>{{ copied() ? 'check' : 'content_copy' }}</mat-icon>
          {{ (copied() ? 'admin.password.copied' : 'admin.password.copy') | transloco }}
        </button>
      </div>
      <p class="note" role="note">
        <mat-icon aria-hidden="true">info</mat-icon>
        <span>{{ 'admin.password.once' | transloco }} {{ 'admin.password.mustChange' | transloco }}</span>
      </p>
      <span class="crm-visually-hidden" aria-live="polite">{{ copied() ? ('admin.password.copied' | transloco) : '' }}</span>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close cdkFocusInitial>{{ 'admin.password.done' | transloco }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .secret {
      display: flex; align-items: center; gap: 12px; flex-wrap: wrap;
      padding: 12px 16px; margin: 8px 0 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-high);
    }
    code { flex: 1; font: var(--mat-sys-title-large); font-family: 'Roboto Mono', ui-monospace, monospace; letter-spacing: 0.05em; word-break: break-all; }
    .note { display: flex; gap: 8px; margin: 0; color: var(--mat-sys-on-surface-variant); }
    .note mat-icon { flex: none; color: var(--mat-sys-primary); }
  `,
})
export class OneTimePasswordDialog {
  protected readonly data = inject<OneTimePasswordData>(MAT_DIALOG_DATA);
  private readonly clipboard = inject(Clipboard);
  protected readonly copied = signal(false);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.data.password));
  }
}
