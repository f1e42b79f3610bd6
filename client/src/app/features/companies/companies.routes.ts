import { Routes } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { allowed } from '@app/core/auth/auth.guards';

export const companiesRoutes: Routes = [
  {
    path: '',
    // The company card shares the customer words (stages, sources, contact points) with contacts.
    providers: [provideTranslocoScope('companies', 'contacts')],
    children: [
      { path: '', loadComponent: () => import('./list/company-list.page').then((m) => m.CompanyListPage) },
      {
        path: 'new',
        canMatch: [allowed(['create', 'Company'])],
        loadComponent: () => import('./detail/company.page').then((m) => m.CompanyPage),
      },
      { path: ':id', loadComponent: () => import('./detail/company.page').then((m) => m.CompanyPage) },
      { path: ':id/merge', data: { entity: 'companies' }, loadComponent: () => import('../dedup/merge/merge.page').then((m) => m.MergePage) },
    ],
  },
];
