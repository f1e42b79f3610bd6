import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { AbstractControl, ControlContainer, FormGroupDirective, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { LIFECYCLES, SOURCES } from '@app/features/contacts/data-access/contacts-api';
import { ListResource, ListsApi, Owner } from '@app/features/lists/data-access/lists-api';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { firstValueFrom } from 'rxjs';
import type { FieldAccess } from './field-access';

/** The fields every customer record has, in the order both forms show them. */
export type StandingField = 'phone' | 'email' | 'lifecycle' | 'source' | 'ownerId' | 'nextStep' | 'nextStepAt';

/**
 * Phone, e-mail, stage, source, responsible person and next step of a contact or company: the
 * controls of the card's own form (same names), laid into its grid, each shown as the role may
 * read it. The responsible person is picked among the users the role may give the record to
 * (a team lead: the team's members), with the current one kept even when it is not among them.
 */
@Component({
  selector: 'crm-standing-fields',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoPipe, FieldErrors],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The controls bind to the card's form group.
  viewProviders: [{ provide: ControlContainer, useFactory: () => inject(FormGroupDirective, { skipSelf: true }) }],
  host: { style: 'display: contents' },
  template: `
    @let shown = access();
    @if (shown.phone.visible) {
      <mat-form-field>
        <mat-label>{{ 'contacts.fields.phone' | transloco }}</mat-label>
        <input matInput type="tel" formControlName="phone" autocomplete="off" />
        <mat-hint>{{ 'contacts.form.phoneHint' | transloco }}</mat-hint>
        <mat-error><crm-field-errors [control]="control('phone')" /></mat-error>
      </mat-form-field>
    }
    @if (shown.email.visible) {
      <mat-form-field>
        <mat-label>{{ 'contacts.fields.email' | transloco }}</mat-label>
        <input matInput type="email" formControlName="email" autocomplete="off" />
        <mat-error><crm-field-errors [control]="control('email')" /></mat-error>
      </mat-form-field>
    }
    @if (shown.lifecycle.visible) {
      <mat-form-field>
        <mat-label>{{ 'contacts.fields.lifecycle' | transloco }}</mat-label>
        <mat-select formControlName="lifecycle">
          @for (value of lifecycles; track value) {
            <mat-option [value]="value">{{ 'contacts.lifecycle.' + value | transloco }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
    @if (shown.source.visible) {
      <mat-form-field>
        <mat-label>{{ 'contacts.fields.source' | transloco }}</mat-label>
        <mat-select formControlName="source">
          <mat-option [value]="null">—</mat-option>
          @for (value of sources; track value) {
            <mat-option [value]="value">{{ 'contacts.source.' + value | transloco }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
    @if (shown.ownerId.visible) {
      <mat-form-field>
        <mat-label>{{ 'contacts.fields.owner' | transloco }}</mat-label>
        <mat-select formControlName="ownerId" data-testid="owner-select">
          @if (owner(); as current) {
            @if (!offersOwner()) {
              <mat-option [value]="current.id">{{ current.name }}</mat-option>
            }
          }
          @for (user of assignees(); track user.id) {
            <mat-option [value]="user.id">{{ user.displayName }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
    @if (shown.nextStep.visible) {
      <mat-form-field>
        <mat-label>{{ 'contacts.fields.nextStep' | transloco }}</mat-label>
        <input matInput formControlName="nextStep" autocomplete="off" />
        <mat-error><crm-field-errors [control]="control('nextStep')" /></mat-error>
      </mat-form-field>
    }
    @if (shown.nextStepAt.visible) {
      <mat-form-field>
        <mat-label>{{ 'contacts.fields.nextStepAt' | transloco }}</mat-label>
        <input matInput type="datetime-local" formControlName="nextStepAt" />
        <mat-error><crm-field-errors [control]="control('nextStepAt')" /></mat-error>
      </mat-form-field>
    }
  `,
})
export class StandingFields {
  private readonly container = inject(ControlContainer, { skipSelf: true });
  private readonly api = inject(ListsApi);
  protected readonly lifecycles = LIFECYCLES;
  protected readonly sources = SOURCES;

  readonly resource = input.required<ListResource>();
  readonly access = input.required<Record<StandingField, FieldAccess>>();
  /** The record's responsible person as it is now (null on a new record). */
  readonly owner = input<{ id: string; name: string } | null>(null);

  protected readonly assignees = signal<Owner[]>([]);
  protected readonly offersOwner = computed(() => this.assignees().some((user) => user.id === this.owner()?.id));
  private loaded = false;

  constructor() {
    // The choices, once, when the role may hand the record over.
    effect(() => {
      if (this.access().ownerId.editable && !this.loaded) {
        this.loaded = true;
        const resource = this.resource();
        untracked(() => void this.loadAssignees(resource));
      }
    });
  }

  private async loadAssignees(resource: ListResource): Promise<void> {
    try {
      this.assignees.set(await firstValueFrom(this.api.assignees(resource, { limit: 200 })));
    } catch {
      // Without the list the select keeps the current responsible person; saving still works.
      this.loaded = false;
    }
  }

  protected control(name: StandingField): AbstractControl {
    return this.container.control!.get(name)!;
  }
}
