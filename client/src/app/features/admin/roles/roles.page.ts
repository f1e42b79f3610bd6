import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Schema } from '@app/core/api/schema';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { Notify } from '@app/shared/ui/notify.service';
import { RolesStore } from '../data-access/roles.store';
import { removeRole } from './role-removal';
import { RoleTextPipe } from './role-text.pipe';
import { AdminListStatus } from '../list-status';

type Role = Schema<'RoleResponse'>;

/** The roles: built-in ones to read, the company's own to create, change and delete. */
@Component({
  selector: 'crm-admin-roles-page',
  imports: [AdminListStatus, RouterLink, MatTableModule, MatButtonModule, MatIconModule, MatTooltipModule, TranslocoPipe, CrmNumberPipe, RoleTextPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section>
      <header class="heading">
        <h2>{{ 'admin.roles.title' | transloco }}</h2>
        <span class="spacer"></span>
        @if (can().create) {
          <a mat-flat-button routerLink="new"><mat-icon>add</mat-icon>{{ 'admin.roles.new' | transloco }}</a>
        }
      </header>
      <crm-admin-list-status [loading]="store.loading()" [error]="store.error()" (reload)="store.load()" />
      <div class="table-scroll">
        <table mat-table [dataSource]="store.items()" [attr.aria-label]="'admin.roles.title' | transloco">
          <ng-container matColumnDef="label">
            <th mat-header-cell *matHeaderCellDef>{{ 'admin.roles.label' | transloco }}</th>
            <td mat-cell *matCellDef="let role">
              <a class="label" [routerLink]="role.id">{{ role | crmRoleText }}</a>
              <span class="key">{{ role.name }}</span>
            </td>
          </ng-container>
          <ng-container matColumnDef="description">
            <th mat-header-cell *matHeaderCellDef>{{ 'admin.roles.description' | transloco }}</th>
            <td mat-cell *matCellDef="let role" class="description">{{ role | crmRoleText: 'description' }}</td>
          </ng-container>
          <ng-container matColumnDef="kind">
            <th mat-header-cell *matHeaderCellDef>{{ 'admin.roles.kind' | transloco }}</th>
            <td mat-cell *matCellDef="let role">
              @if (role.builtIn) {
                <span class="tag builtin"><mat-icon aria-hidden="true">lock</mat-icon>{{ 'admin.roles.builtIn' | transloco }}</span>
              } @else {
                <span class="tag">{{ 'admin.roles.custom' | transloco }}</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="userCount">
            <th mat-header-cell *matHeaderCellDef class="number">{{ 'admin.roles.userCount' | transloco }}</th>
            <td mat-cell *matCellDef="let role" class="number">{{ role.userCount | crmNumber }}</td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="crm-visually-hidden">{{ 'common.actions' | transloco }}</span></th>
            <td mat-cell *matCellDef="let role" class="actions">
              @if (!role.builtIn && can().delete) {
                <span [matTooltip]="role.userCount > 0 ? ('admin.roles.heldBy' | transloco: { count: role.userCount }) : ('common.delete' | transloco)">
                  <button mat-icon-button type="button" (click)="remove(role)" [disabled]="role.userCount > 0 || store.saving()"
                    [attr.aria-label]="'admin.roles.deleteNamed' | transloco: { name: role.label }">
                    <mat-icon>delete</mat-icon>
                  </button>
                </span>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let role; columns: columns"></tr>
        </table>
      </div>
    </section>
  `,
  styleUrl: '../admin-list.scss',
  styles: `
    .label { display: block; font: var(--mat-sys-title-small); }
    .key { font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); font-family: ui-monospace, monospace; }
    .description { color: var(--mat-sys-on-surface-variant); min-width: 200px; }
    .tag {
      display: inline-flex; align-items: center; gap: 4px; padding: 2px 8px; white-space: nowrap;
      border-radius: var(--mat-sys-corner-small); font: var(--mat-sys-label-medium);
      background: var(--mat-sys-surface-container-high); color: var(--mat-sys-on-surface);
      mat-icon { font-size: 16px; width: 16px; height: 16px; }
    }
    .builtin { background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
    .number { text-align: end; }
    .actions { width: 56px; text-align: end; }
  `,
})
export class RolesPage {
  protected readonly store = inject(RolesStore);
  protected readonly notify = inject(Notify);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);

  protected readonly columns = ['label', 'description', 'kind', 'userCount', 'actions'];
  protected readonly can = computed(() => ({ create: this.auth.ability().can('create', 'Role'), delete: this.auth.ability().can('delete', 'Role') }));

  constructor() {
    void this.store.load();
  }

  protected async remove(role: Role): Promise<void> {
    await removeRole({ store: this.store, dialog: this.dialog, transloco: this.transloco, notify: this.notify }, role);
  }
}
