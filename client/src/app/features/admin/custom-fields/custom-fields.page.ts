import { ChangeDetectionStrategy, Component, inject, Injector, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleChange, MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { LanguageService } from '@app/core/i18n/language.service';
import { CustomField, CustomFieldEntity, labelOf } from '@app/shared/custom-fields/custom-fields';
import { confirmAction } from '@app/shared/ui/confirm-dialog';
import { Notify } from '@app/shared/ui/notify.service';
import { AdminListStatus } from '../list-status';
import { CustomFieldDefinitionsStore } from './custom-field-definitions.store';
import { CustomFieldFormData, CustomFieldFormDialog } from './custom-field-form.dialog';

/** Custom fields of contacts and companies: define them, put them in order, deactivate those no longer wanted. */
@Component({
  selector: 'crm-admin-custom-fields-page',
  providers: [CustomFieldDefinitionsStore],
  imports: [AdminListStatus, MatTableModule, MatButtonModule, MatButtonToggleModule, MatIconModule, MatTooltipModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section>
      <header class="heading">
        <h2>{{ 'fields.admin.title' | transloco }}</h2>
        <mat-button-toggle-group [value]="entity()" (change)="switchEntity($event)" [attr.aria-label]="'fields.admin.entity' | transloco" hideSingleSelectionIndicator>
          <mat-button-toggle value="contact">{{ 'fields.admin.contacts' | transloco }}</mat-button-toggle>
          <mat-button-toggle value="company">{{ 'fields.admin.companies' | transloco }}</mat-button-toggle>
        </mat-button-toggle-group>
        <span class="spacer"></span>
        <button mat-flat-button type="button" (click)="create()"><mat-icon>add</mat-icon>{{ 'fields.admin.new' | transloco }}</button>
      </header>
      <crm-admin-list-status [loading]="store.loading() || store.saving()" [error]="store.error()" (reload)="reload()" />
      <div class="table-scroll">
        <table mat-table [dataSource]="store.items()" [attr.aria-label]="'fields.admin.title' | transloco" data-testid="custom-fields-table">
          <ng-container matColumnDef="order">
            <th mat-header-cell *matHeaderCellDef><span class="crm-visually-hidden">{{ 'fields.admin.order' | transloco }}</span></th>
            <td mat-cell *matCellDef="let field; let first = first; let last = last" class="order">
              <button mat-icon-button type="button" (click)="move(field, -1)" [disabled]="first || store.saving()"
                [attr.aria-label]="'fields.admin.moveUp' | transloco: { name: label(field) }"><mat-icon>arrow_upward</mat-icon></button>
              <button mat-icon-button type="button" (click)="move(field, 1)" [disabled]="last || store.saving()"
                [attr.aria-label]="'fields.admin.moveDown' | transloco: { name: label(field) }"><mat-icon>arrow_downward</mat-icon></button>
            </td>
          </ng-container>
          <ng-container matColumnDef="label">
            <th mat-header-cell *matHeaderCellDef>{{ 'fields.admin.label' | transloco }}</th>
            <td mat-cell *matCellDef="let field" [class.inactive]="!field.active">
              <span class="name">{{ label(field) }}</span> <code>{{ field.key }}</code>
            </td>
          </ng-container>
          <ng-container matColumnDef="type">
            <th mat-header-cell *matHeaderCellDef>{{ 'fields.admin.type' | transloco }}</th>
            <td mat-cell *matCellDef="let field">{{ 'fields.types.' + field.type | transloco }}</td>
          </ng-container>
          <ng-container matColumnDef="state">
            <th mat-header-cell *matHeaderCellDef>{{ 'fields.admin.state' | transloco }}</th>
            <td mat-cell *matCellDef="let field">
              {{ (field.active ? 'fields.admin.active' : 'fields.admin.inactive') | transloco }}@if (field.required) {, {{ 'fields.admin.required' | transloco }}}
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="crm-visually-hidden">{{ 'common.actions' | transloco }}</span></th>
            <td mat-cell *matCellDef="let field" class="actions">
              <button mat-icon-button type="button" (click)="edit(field)" [matTooltip]="'common.edit' | transloco"
                [attr.aria-label]="'fields.admin.editNamed' | transloco: { name: label(field) }"><mat-icon>edit</mat-icon></button>
              <button mat-icon-button type="button" (click)="toggleActive(field)" [disabled]="store.saving()"
                [matTooltip]="(field.active ? 'fields.admin.deactivate' : 'fields.admin.reactivate') | transloco"
                [attr.aria-label]="(field.active ? 'fields.admin.deactivateNamed' : 'fields.admin.reactivateNamed') | transloco: { name: label(field) }">
                <mat-icon>{{ field.active ? 'visibility_off' : 'visibility' }}</mat-icon>
              </button>
              <button mat-icon-button type="button" (click)="remove(field)" [disabled]="store.saving()" [matTooltip]="'common.delete' | transloco"
                [attr.aria-label]="'fields.admin.deleteNamed' | transloco: { name: label(field) }"><mat-icon>delete</mat-icon></button>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let field; columns: columns"></tr>
        </table>
      </div>
      @if (store.loaded() && store.items().length === 0) {
        <p class="empty">{{ 'fields.admin.none' | transloco }}</p>
      }
    </section>
  `,
  styleUrl: '../admin-list.scss',
  styles: `
    .name { font: var(--mat-sys-title-small); }
    code { margin-inline-start: 6px; color: var(--mat-sys-on-surface-variant); }
    .inactive .name { color: var(--mat-sys-on-surface-variant); text-decoration: line-through; }
    .order { width: 96px; white-space: nowrap; }
    .actions { width: 144px; text-align: end; white-space: nowrap; }
    .empty { padding: 24px 0; text-align: center; color: var(--mat-sys-on-surface-variant); }
  `,
})
export class CustomFieldsPage {
  protected readonly store = inject(CustomFieldDefinitionsStore);
  private readonly notify = inject(Notify);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly transloco = inject(TranslocoService);
  private readonly language = inject(LanguageService);

  protected readonly columns = ['order', 'label', 'type', 'state', 'actions'];
  protected readonly entity = signal<CustomFieldEntity>('contact');

  constructor() {
    this.reload();
  }

  protected reload(): void {
    void this.store.load(this.entity());
  }

  protected switchEntity(change: MatButtonToggleChange): void {
    this.entity.set(change.value as CustomFieldEntity);
    this.reload();
  }

  protected label(field: CustomField): string {
    return labelOf(field.labels, this.language.current());
  }

  protected async create(): Promise<void> {
    if (await this.openForm({})) {
      this.notify.success('fields.admin.created');
    }
  }

  protected async edit(field: CustomField): Promise<void> {
    if (await this.openForm({ field })) {
      this.notify.success('fields.admin.saved');
    }
  }

  protected async move(field: CustomField, step: -1 | 1): Promise<void> {
    await this.run(() => this.store.move(field, step));
  }

  protected async toggleActive(field: CustomField): Promise<void> {
    if (await this.run(() => this.store.update(field, { active: !field.active }))) {
      this.notify.success(field.active ? 'fields.admin.deactivated' : 'fields.admin.reactivated', { name: this.label(field) });
    }
  }

  protected async remove(field: CustomField): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.transloco.translate('fields.admin.confirmDelete.title', { name: this.label(field) }),
      message: this.transloco.translate('fields.admin.confirmDelete.message'),
      confirm: this.transloco.translate('common.delete'),
    });
    if (confirmed && (await this.run(() => this.store.delete(field)))) {
      this.notify.success('fields.admin.deleted', { name: this.label(field) });
    }
  }

  private async run(work: () => Promise<unknown>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (error) {
      this.notify.error(error);
      return false;
    }
  }

  private async openForm(data: CustomFieldFormData): Promise<CustomField | undefined> {
    const ref = this.dialog.open<CustomFieldFormDialog, CustomFieldFormData, CustomField>(CustomFieldFormDialog, {
      data, injector: this.injector, width: '720px', maxWidth: '95vw',
    });
    return firstValueFrom(ref.afterClosed());
  }
}
