import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Schema } from '@app/core/api/schema';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { Notify } from '@app/shared/ui/notify.service';
import { RolesStore } from '../data-access/roles.store';
import { showOnForm } from '../server-errors';
import { removeRole } from './role-removal';
import { RoleTextPipe } from './role-text.pipe';
import { emptyGrid, gridToRules, RoleRule, rulesToGrid } from './role-rules';
import { RulesGrid } from './rules-grid';

type Role = Schema<'RoleResponse'>;

/** The server's rule for a role key. */
const ROLE_KEY = /^[a-z][a-z0-9_]{1,63}$/;

/**
 * One role: its key, label, description and rules. Built-in roles open read-only (the server
 * refuses changes to them) and can be copied into a new role to adapt.
 */
@Component({
  selector: 'crm-role-editor-page',
  imports: [
    ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatProgressBarModule,
    TranslocoPipe, CrmNumberPipe, FieldErrors, RoleTextPipe, RulesGrid,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './role-editor.page.html',
  styleUrl: './role-editor.page.scss',
})
export class RoleEditorPage implements OnInit {
  /** The role to open (route parameter); absent: a new role. */
  readonly id = input<string>();
  /** A new role starts as a copy of this one (query parameter). */
  readonly from = input<string>();

  private readonly store = inject(RolesStore);
  private readonly auth = inject(AuthStore);
  protected readonly notify = inject(Notify);
  private readonly transloco = inject(TranslocoService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly roleText = new RoleTextPipe();

  protected readonly role = signal<Role | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<unknown>(null);
  protected readonly grid = signal(emptyGrid());
  protected readonly kept = signal<RoleRule[]>([]);
  protected readonly busy = this.store.saving;
  protected readonly ruleCount = computed(() => gridToRules(this.grid(), this.kept()).length);
  protected readonly readonly = computed(() => {
    const role = this.role();
    const ability = this.auth.ability();
    return role === null ? !ability.can('create', 'Role') : role.builtIn || !ability.can('update', 'Role');
  });
  protected readonly canDelete = computed(() => {
    const role = this.role();
    return role !== null && !role.builtIn && this.auth.ability().can('delete', 'Role');
  });
  protected readonly canCopy = computed(() => this.role() !== null && this.auth.ability().can('create', 'Role'));

  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.pattern(ROLE_KEY)]],
    label: ['', [Validators.required, Validators.maxLength(200)]],
    description: ['', [Validators.maxLength(2000)]],
  });

  ngOnInit(): void {
    void this.load();
  }

  /** The role to open, or the one a new role copies; a new role from scratch starts empty. */
  private async load(): Promise<void> {
    const source = this.id() ?? this.from();
    if (source === undefined) {
      return;
    }
    this.loading.set(true);
    try {
      const role = await this.store.get(source);
      const { grid, kept } = rulesToGrid(role.rules);
      this.grid.set(grid);
      this.kept.set(kept);
      if (this.id() !== undefined) {
        this.role.set(role);
        this.form.setValue({ name: role.name, label: role.label, description: role.description });
      } else {
        const label = this.roleText.transform(role);
        this.form.patchValue({
          label: this.transloco.translate('admin.roles.copyOf', { label }),
          description: this.roleText.transform(role, 'description'),
        });
      }
    } catch (error) {
      this.loadError.set(error);
    } finally {
      this.loading.set(false);
    }
  }

  protected async save(): Promise<void> {
    if (this.readonly() || this.busy()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const body = { name: value.name.trim(), label: value.label.trim(), description: value.description.trim(), rules: gridToRules(this.grid(), this.kept()) };
    const role = this.role();
    try {
      if (role === null) {
        await this.store.create(body);
        this.notify.success('admin.roles.created', { name: body.label });
      } else {
        await this.store.update(role, body);
        this.notify.success('admin.roles.saved', { name: body.label });
      }
      await this.backToList();
    } catch (error) {
      if (!showOnForm(this.form, error, this.transloco)) {
        this.notify.error(error);
      }
    }
  }

  protected async remove(): Promise<void> {
    const role = this.role();
    if (role === null) {
      return;
    }
    if (await removeRole({ store: this.store, dialog: this.dialog, transloco: this.transloco, notify: this.notify }, role)) {
      await this.backToList();
    }
  }

  private backToList(): Promise<boolean> {
    return this.router.navigate(['..'], { relativeTo: this.route });
  }
}
