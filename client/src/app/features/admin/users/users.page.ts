import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, Injector } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { debounceTime, distinctUntilChanged, firstValueFrom, map } from 'rxjs';
import { problemCode } from '@app/core/api/problem';
import type { Schema } from '@app/core/api/schema';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmDatePipe, CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { confirmAction } from '@app/shared/ui/confirm-dialog';
import { Notify } from '@app/shared/ui/notify.service';
import { RolesStore } from '../data-access/roles.store';
import { TeamsStore } from '../data-access/teams.store';
import { UserFilter, UsersStore } from '../data-access/users.store';
import { RoleTextPipe } from '../roles/role-text.pipe';
import { OneTimePasswordData, OneTimePasswordDialog } from './one-time-password.dialog';
import { UserFormData, UserFormDialog, UserFormResult } from './user-form.dialog';
import { AdminListStatus } from '../list-status';

type User = Schema<'UserResponse'>;
type Role = Schema<'RoleResponse'>;
type Status = 'all' | 'active' | 'inactive';

const WIDE_COLUMNS = ['displayName', 'login', 'email', 'roles', 'teams', 'active', 'lastLoginAt', 'actions'];
const NARROW_COLUMNS = ['displayName', 'active', 'actions'];

/** The users of the CRM: search, create, change, deactivate, reset passwords, assign roles and teams. */
@Component({
  selector: 'crm-admin-users-page',
  providers: [UsersStore],
  imports: [
    AdminListStatus, ReactiveFormsModule, MatTableModule, MatButtonModule, MatButtonToggleModule, MatFormFieldModule, MatInputModule, MatIconModule,
    MatMenuModule, MatTooltipModule, TranslocoPipe, CrmDatePipe, CrmNumberPipe, RoleTextPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users.page.html',
  styleUrl: './users.page.scss',
})
export class UsersPage {
  protected readonly store = inject(UsersStore);
  protected readonly notify = inject(Notify);
  private readonly roles = inject(RolesStore);
  private readonly teams = inject(TeamsStore);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly transloco = inject(TranslocoService);

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly status = new FormControl<Status>('all', { nonNullable: true });
  protected readonly narrow = toSignal(inject(BreakpointObserver).observe('(max-width: 959px)').pipe(map((state) => state.matches)), {
    initialValue: false,
  });
  protected readonly columns = computed(() => (this.narrow() ? NARROW_COLUMNS : WIDE_COLUMNS));
  protected readonly can = computed(() => {
    const ability = this.auth.ability();
    const assignRoles = ability.can('assign', 'Role') && ability.can('read', 'Role');
    const setTeams = ability.can('update', 'Team') && ability.can('read', 'Team');
    const update = ability.can('update', 'User');
    return { create: ability.can('create', 'User'), update, edit: update || assignRoles || setTeams, readRoles: ability.can('read', 'Role'), readTeams: ability.can('read', 'Team') };
  });
  protected readonly me = computed(() => this.auth.user()?.id);
  /** Rows stay in place when a user changes or the list reloads, so that an open row menu survives. */
  protected readonly trackById = (_index: number, user: User): string => user.id;

  constructor() {
    void this.store.load({ q: '', active: null });
    if (this.can().readRoles) {
      void this.roles.load();
    }
    if (this.can().readTeams) {
      void this.teams.load();
    }
    this.search.valueChanges.pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed()).subscribe(() => this.reload());
    this.status.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.reload());
  }

  protected reload(): void {
    const status = this.status.value;
    const filter: UserFilter = { q: this.search.value, active: status === 'all' ? null : status === 'active' };
    void this.store.load(filter);
  }

  /** The role a user holds, by its name; without the right to read roles only the name is known. */
  protected roleOf(name: string): Pick<Role, 'name' | 'label' | 'builtIn'> {
    return this.roles.byName().get(name) ?? { name, label: name, builtIn: false };
  }

  protected teamNames(user: User): string {
    const teams = this.teams.byId();
    return user.teamIds.map((id) => teams.get(id)?.name).filter((name) => name !== undefined).join(', ');
  }

  protected async create(): Promise<void> {
    const result = await this.openForm({});
    if (result !== undefined && 'created' in result) {
      const { user, oneTimePassword } = result.created;
      if (oneTimePassword === undefined) {
        this.notify.success('admin.users.created', { name: user.displayName });
      } else {
        await this.showPassword({ reason: 'created', displayName: user.displayName, login: user.login, password: oneTimePassword });
      }
    }
  }

  protected async edit(user: User): Promise<void> {
    const result = await this.openForm({ user });
    if (result !== undefined && 'updated' in result) {
      this.notify.success('admin.users.saved');
    }
  }

  protected async resetPassword(user: User): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.transloco.translate('admin.users.confirmReset.title', { name: user.displayName }),
      message: this.transloco.translate('admin.users.confirmReset.message'),
      confirm: this.transloco.translate('admin.users.resetPassword'),
    });
    if (!confirmed) {
      return;
    }
    try {
      const password = await this.store.resetPassword(user);
      await this.showPassword({ reason: 'reset', displayName: user.displayName, login: user.login, password });
    } catch (error) {
      this.notify.error(error);
    }
  }

  protected async setActive(user: User, active: boolean): Promise<void> {
    const texts = active ? 'admin.users.confirmReactivate' : 'admin.users.confirmDeactivate';
    const confirmed = await confirmAction(this.dialog, {
      title: this.transloco.translate(`${texts}.title`, { name: user.displayName }),
      message: this.transloco.translate(`${texts}.message`),
      confirm: this.transloco.translate(active ? 'admin.users.reactivate' : 'admin.users.deactivate'),
    });
    if (!confirmed) {
      return;
    }
    try {
      await this.store.setActive(user, active);
      this.notify.success(active ? 'admin.users.reactivated' : 'admin.users.deactivated', { name: user.displayName });
    } catch (error) {
      this.notify.error(error);
      if (problemCode(error) === 'version-mismatch') {
        // Show the user as they are now, so that a second try starts from there.
        await this.store.refresh(user.id).catch(() => undefined);
      }
    }
  }

  private openForm(data: UserFormData): Promise<UserFormResult | undefined> {
    const ref = this.dialog.open<UserFormDialog, UserFormData, UserFormResult>(UserFormDialog, {
      data,
      injector: this.injector,
      width: '560px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    });
    return firstValueFrom(ref.afterClosed());
  }

  private showPassword(data: OneTimePasswordData): Promise<unknown> {
    const ref = this.dialog.open(OneTimePasswordDialog, { data, injector: this.injector, width: '520px', maxWidth: '95vw', disableClose: true });
    return firstValueFrom(ref.afterClosed());
  }
}
