import { Routes } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { allowed } from '@app/core/auth/auth.guards';

export const dealsRoutes: Routes = [
  {
    path: '',
    providers: [provideTranslocoScope('deals')],
    children: [
      { path: '', loadComponent: () => import('./board/deals-board.page').then((m) => m.DealsBoardPage) },
      { path: 'list', loadComponent: () => import('./list/deal-list.page').then((m) => m.DealListPage) },
      {
        path: 'new',
        canMatch: [allowed(['create', 'Deal'])],
        loadComponent: () => import('./detail/deal.page').then((m) => m.DealPage),
      },
      { path: ':id', loadComponent: () => import('./detail/deal.page').then((m) => m.DealPage) },
    ],
  },
];
