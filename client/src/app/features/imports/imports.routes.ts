import { Route } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { allowed } from '@app/core/auth/auth.guards';
import type { ImportEntity } from './data-access/imports-api';

/** The import wizard as a child route (`import`) of a list: contacts, or companies. */
export const importRoute = (entity: ImportEntity): Route => ({
  path: 'import',
  canMatch: [allowed(['create', entity === 'company' ? 'Company' : 'Contact'])],
  providers: [provideTranslocoScope('imports')],
  data: { entity },
  loadComponent: () => import('./wizard/import-wizard.page').then((m) => m.ImportWizardPage),
});
