import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { problemCode } from '@app/core/api/problem';
import type { Schema } from '@app/core/api/schema';
import { AuthStore } from '@app/core/auth/auth.store';
import { Language, LANGUAGE_NAMES, LANGUAGES } from '@app/core/i18n/i18n';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { Notify } from '@app/shared/ui/notify.service';
import { RolesStore } from '../data-access/roles.store';
import { TeamsStore } from '../data-access/teams.store';
import { UserChanges, UsersStore } from '../data-access/users.store';
import { RoleTextPipe } from '../roles/role-text.pipe';
import { showOnForm } from '../server-errors';

type User = Schema<'UserResponse'>;

export interface UserFormData {
  /** The user to change; absent: a new user. */
  user?: User;
}

/** What the dialog closes with: the new user and their one-time password, or the changed user. */
export type UserFormResult = { created: Schema<'CreatedUserResponse'> } | { updated: User };

/** The login rule of the server, before it lowercases: 2-64 letters, digits or . _ @ - */
const LOGIN = /^\s*[A-Za-z0-9._@-]{2,64}\s*$/;

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id) => b.includes(id));

/** Creates a user, or changes one: name, e-mail, language, roles and teams, each only when the signed-in user may. */
@Component({
  selector: 'crm-user-form-dialog',
  imports: [
    ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatProgressBarModule,
    TranslocoPipe, FieldErrors, RoleTextPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-form.dialog.html',
  styles: `
    form { display: contents; }
    mat-form-field { width: 100%; margin-bottom: 4px; }
    .note { margin: 0 0 12px; color: var(--mat-sys-on-surface-variant); }
  `,
})
export class UserFormDialog {
  private readonly users = inject(UsersStore);
  private readonly rolesStore = inject(RolesStore);
  private readonly teamsStore = inject(TeamsStore);
  private readonly notify = inject(Notify);
  private readonly transloco = inject(TranslocoService);
  private readonly dialogRef = inject<MatDialogRef<UserFormDialog, UserFormResult>>(MatDialogRef);
  private readonly ability = inject(AuthStore).ability;
  /** The user as last saved: a second try after a partial failure starts from the new version. */
  private readonly current = signal(inject<UserFormData>(MAT_DIALOG_DATA).user);
  /** The user as the form opened them: what the admin changed is told apart from what others changed. */
  private readonly original = this.current();

  protected readonly editing = this.current() !== undefined;
  protected readonly roles = this.rolesStore.items;
  protected readonly teams = this.teamsStore.items;
  protected readonly languages = LANGUAGES;
  protected readonly languageNames = LANGUAGE_NAMES;
  protected readonly busy = this.users.saving;
  protected readonly canEditProfile = computed(() => this.ability().can(this.editing ? 'update' : 'create', 'User'));
  protected readonly canAssignRoles = computed(() => this.ability().can('assign', 'Role') && this.ability().can('read', 'Role'));
  protected readonly canSetTeams = computed(() => this.ability().can('update', 'Team') && this.ability().can('read', 'Team'));

  protected readonly form = inject(FormBuilder).nonNullable.group({
    login: ['', [Validators.required, Validators.pattern(LOGIN)]],
    displayName: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.email, Validators.maxLength(254)]],
    locale: ['az' as Language, Validators.required],
    roleIds: [[] as string[]],
    teamIds: [[] as string[]],
  });

  constructor() {
    const user = this.current();
    if (user !== undefined) {
      this.form.setValue({
        login: user.login, displayName: user.displayName, email: user.email ?? '', locale: user.locale, roleIds: this.roleIdsOf(user), teamIds: user.teamIds,
      });
      this.form.controls.login.disable();
    }
    if (!this.canEditProfile()) {
      this.form.controls.displayName.disable();
      this.form.controls.email.disable();
      this.form.controls.locale.disable();
    }
  }

  /** The server names a user's roles; the form picks them by id. */
  private roleIdsOf(user: User): string[] {
    const byName = this.rolesStore.byName();
    return user.roles.map((name) => byName.get(name)?.id).filter((id): id is string => id !== undefined);
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    try {
      const user = this.current();
      if (user === undefined) {
        await this.create();
      } else {
        await this.update(user);
      }
    } catch (error) {
      if (!showOnForm(this.form, error, this.transloco)) {
        this.notify.error(error);
      }
      const user = this.current();
      if (user !== undefined && problemCode(error) === 'version-mismatch') {
        // Someone else changed the user: the message says so; the next Save applies these fields to their version.
        this.current.set(await this.users.refresh(user.id).catch(() => user));
      }
    }
  }

  private async create(): Promise<void> {
    const value = this.form.getRawValue();
    const email = value.email.trim();
    const created = await this.users.create({
      login: value.login.trim(),
      displayName: value.displayName.trim(),
      email: email === '' ? undefined : email,
      locale: value.locale,
      roleIds: this.canAssignRoles() ? value.roleIds : undefined,
      teamIds: this.canSetTeams() ? value.teamIds : undefined,
    });
    this.teamsStore.memberChanged(created.user.id, created.user.teamIds);
    this.dialogRef.close({ created });
  }

  /**
   * Up to three requests (profile, roles, teams), each only when that part changed. A profile field
   * is sent only when the admin changed it in this form, so that a change someone else made to
   * another field meanwhile is kept.
   */
  private async update(user: User): Promise<void> {
    const value = this.form.getRawValue();
    let saved = user;
    const changes: UserChanges = {};
    const edited = <K extends 'displayName' | 'email' | 'locale'>(field: K, next: User[K]): boolean => next !== this.original?.[field] && next !== user[field];
    const displayName = value.displayName.trim();
    const email = value.email.trim() === '' ? null : value.email.trim();
    if (edited('displayName', displayName)) {
      changes.displayName = displayName;
    }
    if (edited('email', email)) {
      changes.email = email;
    }
    if (edited('locale', value.locale)) {
      changes.locale = value.locale;
    }
    if (this.canEditProfile() && Object.keys(changes).length > 0) {
      saved = await this.users.update(saved, changes);
      this.current.set(saved);
    }
    if (this.canAssignRoles() && !sameSet(value.roleIds, this.roleIdsOf(saved))) {
      saved = await this.users.setRoles(saved, value.roleIds);
      this.current.set(saved);
    }
    if (this.canSetTeams() && !sameSet(value.teamIds, saved.teamIds)) {
      saved = await this.users.setTeams(saved, value.teamIds);
      this.current.set(saved);
      this.teamsStore.memberChanged(saved.id, saved.teamIds);
    }
    this.dialogRef.close({ updated: saved });
  }
}
