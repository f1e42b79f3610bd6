import { ChangeDetectionStrategy, Component, computed, DestroyRef, ElementRef, afterNextRender, inject, input } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { provideTranslocoScope, TranslocoPipe } from '@jsverse/transloco';
import { DedupEntity, DuplicateCandidate, DuplicateProbe } from '../data-access/dedup-api';
import { DuplicatesStore } from '../data-access/duplicates.store';

/** The form fields whose leaving asks the server for duplicates. */
const WATCHED = new Set(['name', 'email', 'phone', 'taxId']);

/**
 * "Possible duplicates" under a create/edit form. Put it inside the `<form>`:
 * `<crm-duplicate-warning [form]="form" [recordId]="id()" />`. When the name, e-mail, phone (or
 * tax id) field loses focus it asks the server; saving stays possible.
 */
@Component({
  selector: 'crm-duplicate-warning',
  imports: [RouterLink, TranslocoPipe, MatButtonModule, MatIconModule],
  providers: [DuplicatesStore, provideTranslocoScope('dedup')],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './duplicate-warning.html',
  styleUrl: './duplicate-warning.scss',
})
export class DuplicateWarning {
  protected readonly store = inject(DuplicatesStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The host form; its `name`, `email`, `phone` and `taxId` controls are read when present. */
  readonly form = input.required<FormGroup>();
  readonly entity = input<DedupEntity>('contacts');
  /** The record being edited (never its own duplicate; offers "merge"); absent on a new one. */
  readonly recordId = input<string>();

  protected readonly visible = computed(() => this.store.candidates().length > 0 && !this.store.dismissed());

  constructor() {
    const onFocusOut = (event: FocusEvent): void => {
      const name = (event.target as HTMLElement | null)?.getAttribute('formcontrolname');
      if (name !== null && name !== undefined && WATCHED.has(name)) {
        this.store.check(this.entity(), this.probe());
      }
    };
    let formElement: HTMLElement | null = null;
    afterNextRender(() => {
      formElement = this.host.nativeElement.closest('form');
      formElement?.addEventListener('focusout', onFocusOut);
    });
    inject(DestroyRef).onDestroy(() => {
      formElement?.removeEventListener('focusout', onFocusOut);
      this.store.cancel();
    });
  }

  /** What the form holds now, as the duplicates endpoint takes it. */
  probe(): DuplicateProbe {
    const value = this.form().getRawValue() as Record<string, unknown>;
    const text = (key: string): string => (typeof value[key] === 'string' ? (value[key] as string).trim() : '');
    return {
      name: text('name') || undefined,
      emails: text('email') ? [text('email')] : [],
      phones: text('phone') ? [text('phone')] : [],
      ...(this.entity() === 'companies' && text('taxId') ? { taxId: text('taxId') } : {}),
      ...(this.recordId() ? { excludeId: this.recordId() } : {}),
    };
  }

  protected similarity(candidate: DuplicateCandidate): number {
    return Math.round(candidate.similarity * 100);
  }
}
