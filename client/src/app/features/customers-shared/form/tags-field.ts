import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';

/** The tags of a contact or company as chips: Enter adds one (trimmed, once), the chip's button removes it. */
@Component({
  selector: 'crm-tags-field',
  imports: [TranslocoPipe, MatChipsModule, MatFormFieldModule, MatIconModule],
  providers: [provideTranslocoScope('contacts')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="wide">
      <mat-label>{{ 'contacts.fields.tags' | transloco }}</mat-label>
      <mat-chip-grid #grid [disabled]="disabled()" [attr.aria-label]="'contacts.fields.tags' | transloco">
        @for (tag of tags(); track tag) {
          <mat-chip-row (removed)="remove(tag)" data-testid="tag">
            {{ tag }}
            <button matChipRemove type="button" [attr.aria-label]="'contacts.form.removeTag' | transloco: { tag }"><mat-icon>cancel</mat-icon></button>
          </mat-chip-row>
        }
      </mat-chip-grid>
      <!-- Beside the grid, not in it: a grid holds rows only. -->
      <input [matChipInputFor]="grid" (matChipInputTokenEnd)="add($event)" [disabled]="disabled()" data-testid="tag-input" />
      <mat-hint>{{ 'contacts.form.tagHint' | transloco }}</mat-hint>
    </mat-form-field>
  `,
  styles: `
    :host { display: block; }
    .wide { width: 100%; }
  `,
})
export class TagsField {
  readonly tags = input.required<readonly string[]>();
  readonly disabled = input(false);
  /** The whole new list after an addition or removal. */
  readonly tagsChange = output<string[]>();

  protected add(event: MatChipInputEvent): void {
    const tag = event.value.trim();
    if (tag !== '' && !this.tags().includes(tag)) {
      this.tagsChange.emit([...this.tags(), tag]);
    }
    event.chipInput.clear();
  }

  protected remove(tag: string): void {
    this.tagsChange.emit(this.tags().filter((t) => t !== tag));
  }
}
