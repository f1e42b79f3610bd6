import { ChangeDetectionStrategy, Component, computed, inject, Injector } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import type { Schema } from '@app/core/api/schema';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { confirmAction } from '@app/shared/ui/confirm-dialog';
import { Notify } from '@app/shared/ui/notify.service';
import { TeamsStore } from '../data-access/teams.store';
import { UserDirectoryStore } from '../data-access/user-directory.store';
import { TeamFormData, TeamFormDialog } from './team-form.dialog';
import { AdminListStatus } from '../list-status';

type Team = Schema<'TeamResponse'>;

/** How many member names a row shows before "and N more". */
const NAMES_SHOWN = 4;

/** The teams: their lead and members; create, rename, change members, delete. */
@Component({
  selector: 'crm-admin-teams-page',
  providers: [UserDirectoryStore],
  imports: [AdminListStatus, MatTableModule, MatButtonModule, MatIconModule, MatTooltipModule, TranslocoPipe, CrmNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section>
      <header class="heading">
        <h2>{{ 'admin.teams.title' | transloco }}</h2>
        <span class="spacer"></span>
        @if (can().create) {
          <button mat-flat-button type="button" (click)="create()">
            <mat-icon>group_add</mat-icon>{{ 'admin.teams.new' | transloco }}
          </button>
        }
      </header>
      <crm-admin-list-status [loading]="store.loading() || directory.loading()" [error]="store.error() ?? directory.error()" (reload)="reload()" />
      <div class="table-scroll">
        <table mat-table [dataSource]="store.items()" [attr.aria-label]="'admin.teams.title' | transloco">
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef>{{ 'admin.teams.name' | transloco }}</th>
            <td mat-cell *matCellDef="let team" class="name">{{ team.name }}</td>
          </ng-container>
          <ng-container matColumnDef="lead">
            <th mat-header-cell *matHeaderCellDef>{{ 'admin.teams.lead' | transloco }}</th>
            <td mat-cell *matCellDef="let team">{{ team.leadId ? nameOf(team.leadId) : '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="members">
            <th mat-header-cell *matHeaderCellDef>{{ 'admin.teams.members' | transloco }}</th>
            <td mat-cell *matCellDef="let team">
              <span class="count">{{ team.memberIds.length | crmNumber }}</span>
              <span class="names">{{ memberNames(team) }}</span>
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="crm-visually-hidden">{{ 'common.actions' | transloco }}</span></th>
            <td mat-cell *matCellDef="let team" class="actions">
              <button mat-icon-button type="button" (click)="edit(team)" [matTooltip]="'common.edit' | transloco"
                [attr.aria-label]="'admin.teams.editNamed' | transloco: { name: team.name }">
                <mat-icon>edit</mat-icon>
              </button>
              @if (can().delete) {
                <button mat-icon-button type="button" (click)="remove(team)" [matTooltip]="'common.delete' | transloco"
                  [attr.aria-label]="'admin.teams.deleteNamed' | transloco: { name: team.name }">
                  <mat-icon>delete</mat-icon>
                </button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let team; columns: columns"></tr>
        </table>
      </div>
      @if (store.loaded() && store.items().length === 0) {
        <p class="empty">{{ 'admin.teams.none' | transloco }}</p>
      }
    </section>
  `,
  styleUrl: '../admin-list.scss',
  styles: `
    .name { font: var(--mat-sys-title-small); }
    .count {
      display: inline-block; min-width: 24px; margin-inline-end: 8px; padding: 0 6px; text-align: center;
      border-radius: var(--mat-sys-corner-small); background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container);
    }
    .names { color: var(--mat-sys-on-surface-variant); }
    .actions { width: 96px; text-align: end; white-space: nowrap; }
    .empty { padding: 24px 0; text-align: center; color: var(--mat-sys-on-surface-variant); }
  `,
})
export class TeamsPage {
  protected readonly store = inject(TeamsStore);
  protected readonly directory = inject(UserDirectoryStore);
  protected readonly notify = inject(Notify);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly transloco = inject(TranslocoService);

  protected readonly columns = ['name', 'lead', 'members', 'actions'];
  protected readonly can = computed(() => ({ create: this.auth.ability().can('create', 'Team'), delete: this.auth.ability().can('delete', 'Team') }));

  constructor() {
    this.reload();
  }

  protected reload(): void {
    void this.store.load();
    void this.directory.load();
  }

  protected nameOf(id: string): string {
    return this.directory.byId().get(id)?.displayName ?? '…';
  }

  protected memberNames(team: Team): string {
    const names = team.memberIds.slice(0, NAMES_SHOWN).map((id) => this.nameOf(id)).join(', ');
    const more = team.memberIds.length - NAMES_SHOWN;
    return more > 0 ? `${names} ${this.transloco.translate('admin.teams.andMore', { count: more })}` : names;
  }

  protected async create(): Promise<void> {
    if (await this.openForm({})) {
      this.notify.success('admin.teams.created');
    }
  }

  protected async edit(team: Team): Promise<void> {
    if (await this.openForm({ team })) {
      this.notify.success('admin.teams.saved');
    }
  }

  protected async remove(team: Team): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.transloco.translate('admin.teams.confirmDelete.title', { name: team.name }),
      message: this.transloco.translate('admin.teams.confirmDelete.message'),
      confirm: this.transloco.translate('common.delete'),
    });
    if (!confirmed) {
      return;
    }
    try {
      await this.store.delete(team);
      this.notify.success('admin.teams.deleted', { name: team.name });
    } catch (error) {
      this.notify.error(error);
    }
  }

  private async openForm(data: TeamFormData): Promise<Team | undefined> {
    const ref = this.dialog.open<TeamFormDialog, TeamFormData, Team>(TeamFormDialog, { data, injector: this.injector, width: '560px', maxWidth: '95vw' });
    return firstValueFrom(ref.afterClosed());
  }
}
