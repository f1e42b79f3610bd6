import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectChange, MatSelectModule } from '@angular/material/select';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { debounceTime, map } from 'rxjs';
import { AuthStore } from '@app/core/auth/auth.store';
import { CrmNumberPipe } from '@app/core/i18n/format.pipes';
import { Lifecycle, LIFECYCLES } from '@app/features/contacts/data-access/contacts-api';
import { Notify } from '@app/shared/ui/notify.service';
import { Company } from '../data-access/companies-api';
import { CompanyListStore, CompanyQuery } from '../data-access/company-list.store';

/** Companies the user may see; the address holds the search and the filters (`q`, `lifecycle`, `mine`). */
@Component({
  selector: 'crm-company-list-page',
  imports: [
    ReactiveFormsModule, RouterLink, TranslocoPipe, CrmNumberPipe, MatTableModule, MatButtonModule, MatIconModule,
    MatFormFieldModule, MatInputModule, MatProgressBarModule, MatSelectModule, MatSlideToggleModule,
  ],
  providers: [CompanyListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './company-list.page.html',
  styleUrl: './company-list.page.scss',
})
export class CompanyListPage {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthStore);
  private readonly notify = inject(Notify);
  protected readonly store = inject(CompanyListStore);

  readonly q = input<string>();
  readonly lifecycle = input<string>();
  readonly mine = input<string>();

  protected readonly lifecycles = LIFECYCLES;
  protected readonly columns = ['name', 'taxId', 'industry', 'phone', 'lifecycle', 'owner'];
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly canCreate = computed(() => this.auth.ability().can('create', 'Company'));
  protected readonly onlyMine = computed(() => this.mine() === '1');
  protected readonly lifecycleValue = computed<Lifecycle[]>(() =>
    (this.lifecycle() ?? '').split(',').filter((value): value is Lifecycle => (LIFECYCLES as readonly string[]).includes(value)),
  );
  private readonly query = computed<CompanyQuery>(
    () => ({
      q: (this.q() ?? '').trim(),
      sort: 'name',
      ownerId: this.onlyMine() && this.auth.user() ? [this.auth.user()!.id] : [],
      lifecycle: this.lifecycleValue(),
    }),
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  protected readonly errorText = computed(() => {
    const error = this.store.error();
    return error === null ? '' : this.notify.describe(error);
  });

  constructor() {
    effect(() => {
      const query = this.query();
      untracked(() => this.store.load(query));
    });
    effect(() => {
      const q = this.q() ?? '';
      untracked(() => {
        if (q !== this.search.value.trim()) {
          this.search.setValue(q, { emitEvent: false });
        }
      });
    });
    this.search.valueChanges
      .pipe(map((value) => value.trim()), debounceTime(300), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((q) => this.navigate({ q: q === '' ? null : q }));
  }

  protected chooseLifecycle(change: MatSelectChange<Lifecycle[]>): void {
    this.navigate({ lifecycle: change.value.length > 0 ? change.value.join(',') : null });
  }

  protected toggleMine(change: MatSlideToggleChange): void {
    this.navigate({ mine: change.checked ? '1' : null });
  }

  protected open(company: Company): void {
    void this.router.navigate([company.id], { relativeTo: this.route });
  }

  private navigate(queryParams: Record<string, string | null>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
