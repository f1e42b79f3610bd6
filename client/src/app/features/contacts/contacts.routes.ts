import { Routes } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { allowed } from '@app/core/auth/auth.guards';
import { importRoute } from '../imports/imports.routes';

export const contactsRoutes: Routes = [
  {
    path: '',
    providers: [provideTranslocoScope('contacts')],
    children: [
      { path: '', loadComponent: () => import('./list/contact-list.page').then((m) => m.ContactListPage) },
      {
        path: 'new',
        canMatch: [allowed(['create', 'Contact'])],
        loadComponent: () => import('./detail/contact.page').then((m) => m.ContactPage),
      },
      importRoute('contact'),
      { path: ':id', loadComponent: () => import('./detail/contact.page').then((m) => m.ContactPage) },
      { path: ':id/merge', data: { entity: 'contacts' }, loadComponent: () => import('../dedup/merge/merge.page').then((m) => m.MergePage) },
    ],
  },
];
