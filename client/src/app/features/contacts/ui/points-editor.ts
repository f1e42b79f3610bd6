import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormArray, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { FieldErrors } from '@app/shared/ui/field-errors';
import { ADDRESS_KINDS, POINT_CHANNELS, POINT_KINDS, POINT_LABELS } from '../data-access/contacts-api';
import { AddressForm, addressGroup, PointForm, pointGroup } from './customer-form';

/** Repeatable rows of further phones, e-mails, messengers, profiles and sites: add and remove. */
@Component({
  selector: 'crm-points-editor',
  imports: [ReactiveFormsModule, TranslocoPipe, FieldErrors, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="rows" [disabled]="array().disabled">
      <legend>{{ 'contacts.fields.otherPoints' | transloco }}</legend>
      @for (row of array().controls; track row; let i = $index) {
        <div class="row" [formGroup]="row" data-testid="point-row">
          <mat-form-field class="kind" subscriptSizing="dynamic">
            <mat-label>{{ 'contacts.fields.kind' | transloco }}</mat-label>
            <mat-select formControlName="kind">
              @for (kind of kinds; track kind) {
                <mat-option [value]="kind">{{ 'contacts.point.' + kind | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          @if (row.controls.kind.value === 'messenger' || row.controls.kind.value === 'social') {
            <mat-form-field class="kind" subscriptSizing="dynamic">
              <mat-label>{{ 'contacts.fields.channel' | transloco }}</mat-label>
              <mat-select formControlName="channel">
                @for (channel of channels[row.controls.kind.value]; track channel) {
                  <mat-option [value]="channel">{{ 'contacts.channel.' + channel | transloco }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
          }
          <mat-form-field class="value" subscriptSizing="dynamic">
            <mat-label>{{ 'contacts.point.' + row.controls.kind.value | transloco }}</mat-label>
            <input matInput formControlName="value" autocomplete="off" />
            <mat-error><crm-field-errors [control]="row.controls.value" /></mat-error>
          </mat-form-field>
          <mat-form-field class="kind" subscriptSizing="dynamic">
            <mat-label>{{ 'contacts.fields.label' | transloco }}</mat-label>
            <mat-select formControlName="label">
              <mat-option value="">—</mat-option>
              @for (label of labels; track label) {
                <mat-option [value]="label">{{ 'contacts.label.' + label | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <button mat-icon-button type="button" (click)="remove(i)" [attr.aria-label]="'contacts.form.removeRow' | transloco">
            <mat-icon>remove_circle_outline</mat-icon>
          </button>
        </div>
      }
      <button mat-button type="button" (click)="add()" [disabled]="array().disabled"><mat-icon>add</mat-icon>{{ 'contacts.form.addPoint' | transloco }}</button>
    </fieldset>
  `,
  styleUrl: './rows-editor.scss',
})
export class PointsEditor {
  readonly array = input.required<FormArray<PointForm>>();
  protected readonly kinds = POINT_KINDS;
  protected readonly channels = POINT_CHANNELS as Record<string, readonly string[]>;
  protected readonly labels = POINT_LABELS;

  protected add(): void {
    this.array().push(pointGroup({ kind: 'messenger', channel: 'whatsapp' }));
    this.array().markAsDirty();
  }

  protected remove(index: number): void {
    this.array().removeAt(index);
    this.array().markAsDirty();
  }
}

/** Repeatable address rows: add and remove. */
@Component({
  selector: 'crm-addresses-editor',
  imports: [ReactiveFormsModule, TranslocoPipe, FieldErrors, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="rows" [disabled]="array().disabled">
      <legend>{{ 'contacts.fields.addresses' | transloco }}</legend>
      @for (row of array().controls; track row; let i = $index) {
        <div class="row" [formGroup]="row" data-testid="address-row">
          <mat-form-field class="kind" subscriptSizing="dynamic">
            <mat-label>{{ 'contacts.fields.kind' | transloco }}</mat-label>
            <mat-select formControlName="kind">
              @for (kind of kinds; track kind) {
                <mat-option [value]="kind">{{ 'contacts.address.' + kind | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field class="value" subscriptSizing="dynamic">
            <mat-label>{{ 'contacts.fields.line1' | transloco }}</mat-label>
            <input matInput formControlName="line1" autocomplete="off" />
            <mat-error><crm-field-errors [control]="row.controls.line1" /></mat-error>
          </mat-form-field>
          <mat-form-field class="kind" subscriptSizing="dynamic">
            <mat-label>{{ 'contacts.fields.city' | transloco }}</mat-label>
            <input matInput formControlName="city" autocomplete="off" />
          </mat-form-field>
          <mat-form-field class="short" subscriptSizing="dynamic">
            <mat-label>{{ 'contacts.fields.postalCode' | transloco }}</mat-label>
            <input matInput formControlName="postalCode" autocomplete="off" />
          </mat-form-field>
          <mat-form-field class="short" subscriptSizing="dynamic">
            <mat-label>{{ 'contacts.fields.country' | transloco }}</mat-label>
            <input matInput formControlName="country" autocomplete="off" maxlength="2" />
            <mat-error><crm-field-errors [control]="row.controls.country" /></mat-error>
          </mat-form-field>
          <button mat-icon-button type="button" (click)="remove(i)" [attr.aria-label]="'contacts.form.removeRow' | transloco">
            <mat-icon>remove_circle_outline</mat-icon>
          </button>
        </div>
      }
      <button mat-button type="button" (click)="add()" [disabled]="array().disabled"><mat-icon>add</mat-icon>{{ 'contacts.form.addAddress' | transloco }}</button>
    </fieldset>
  `,
  styleUrl: './rows-editor.scss',
})
export class AddressesEditor {
  readonly array = input.required<FormArray<AddressForm>>();
  protected readonly kinds = ADDRESS_KINDS;

  protected add(): void {
    this.array().push(addressGroup());
    this.array().markAsDirty();
  }

  protected remove(index: number): void {
    this.array().removeAt(index);
    this.array().markAsDirty();
  }
}
