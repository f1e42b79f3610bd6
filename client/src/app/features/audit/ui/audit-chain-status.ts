import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { CrmDatePipe, CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { Notify } from '@app/shared/ui/notify.service';
import { AuditStore } from '../data-access/audit.store';

/** Whether the hash chain over the audit log is intact, in plain words, with a button to check again. */
@Component({
  selector: 'crm-audit-chain-status',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressSpinnerModule, TranslocoPipe, CrmDatePipe, CrmNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-chain-status.html',
  styleUrl: './audit-chain-status.scss',
})
export class AuditChainStatus {
  protected readonly store = inject(AuditStore);
  protected readonly notify = inject(Notify);

  constructor() {
    this.store.verifyOnce();
  }
}
