import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe, CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { Notify } from '@app/shared/ui/notify.service';
import { AuditEvent, summarize } from '../data-access/audit-diff';
import { AuditFilters, ExportFormat, filtersFromParams, filtersToParams, sameFilters } from '../data-access/audit-filters';
import { fieldKey, tableKey } from '../data-access/audit-labels';
import { AuditStore } from '../data-access/audit.store';
import { AuditAction } from '../ui/audit-action';
import { AuditChainStatus } from '../ui/audit-chain-status';
import { AuditFilterBar } from '../ui/audit-filter-bar';

/** A uuid is recognisable by its start; the whole id is in the tooltip and on the event's page. */
export function shortId(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(id) ? `${id.slice(0, 8)}…` : id.length > 24 ? `${id.slice(0, 23)}…` : id;
}

/** The audit log: chain status, filters kept in the address, the events newest first, export. */
@Component({
  selector: 'crm-audit-list-page',
  imports: [
    RouterLink, MatButtonModule, MatIconModule, MatMenuModule, MatProgressBarModule, MatTooltipModule, TranslocoPipe, CrmDatePipe, CrmNumberPipe,
    AuditAction, AuditChainStatus, AuditFilterBar,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-list.page.html',
  styleUrl: './audit-list.page.scss',
})
export class AuditListPage {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthStore);
  protected readonly store = inject(AuditStore);
  protected readonly notify = inject(Notify);
  protected readonly fieldKey = fieldKey;
  protected readonly tableKey = tableKey;
  protected readonly shortId = shortId;

  private readonly params = toSignal(this.route.queryParams, { initialValue: {} });
  protected readonly filters = computed(() => filtersFromParams(this.params()), { equal: sameFilters });
  protected readonly canExport = computed(() => this.auth.ability().can('export', 'AuditEvent'));
  protected readonly rows = computed(() => this.store.events().map((event) => ({ event, summary: summarize(event) })));

  constructor() {
    effect(() => {
      const filters = this.filters();
      untracked(() => this.store.search(filters));
    });
  }

  protected applyFilters(filters: AuditFilters): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: filtersToParams(filters) });
  }

  /** A click anywhere on a row opens the event; the time is the row's link for the keyboard. */
  protected openRow(event: AuditEvent, click: MouseEvent): void {
    if (click.target instanceof Element && click.target.closest('a, button')) {
      return;
    }
    void this.router.navigate([event.id], { relativeTo: this.route, queryParamsHandling: 'preserve' });
  }

  protected async export(format: ExportFormat): Promise<void> {
    if (await this.store.exportEvents(format)) {
      this.notify.success('audit.export.done');
    }
  }
}
