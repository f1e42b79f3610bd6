import { Routes } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { AuditStore } from './data-access/audit.store';

/** The audit log (app.routes.ts lets in those who may read AuditEvent). The store lives as long as the section, so an event's page returns to the same list. */
export const auditRoutes: Routes = [
  {
    path: '',
    providers: [provideTranslocoScope('audit'), AuditStore],
    children: [
      { path: '', loadComponent: () => import('./list/audit-list.page').then((m) => m.AuditListPage) },
      { path: ':id', loadComponent: () => import('./event/audit-event.page').then((m) => m.AuditEventPage) },
    ],
  },
];
