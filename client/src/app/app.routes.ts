import { Routes } from '@angular/router';
import { allowed, guestGuard, sessionGuard, signedInGuard } from './core/auth/auth.guards';

export const appRoutes: Routes = [
  { path: 'login', canActivate: [guestGuard], loadComponent: () => import('./features/auth/login.page').then((m) => m.LoginPage) },
  {
    path: 'change-password',
    canActivate: [sessionGuard],
    loadComponent: () => import('./features/auth/change-password.page').then((m) => m.ChangePasswordPage),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    canActivateChild: [signedInGuard],
    loadComponent: () => import('./core/layout/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', loadComponent: () => import('./features/home/home.page').then((m) => m.HomePage) },
      {
        path: 'contacts',
        canMatch: [allowed(['read', 'Contact'])],
        loadChildren: () => import('./features/contacts/contacts.routes').then((m) => m.contactsRoutes),
      },
      {
        path: 'companies',
        canMatch: [allowed(['read', 'Company'])],
        loadChildren: () => import('./features/companies/companies.routes').then((m) => m.companiesRoutes),
      },
      {
        path: 'my-day',
        canMatch: [allowed(['read', 'Task'])],
        loadComponent: () => import('./features/my-day/my-day.page').then((m) => m.MyDayPage),
      },
      {
        path: 'tasks',
        canMatch: [allowed(['read', 'Task'])],
        loadComponent: () => import('./features/tasks/list/task-list.page').then((m) => m.TaskListPage),
      },
      {
        path: 'calendar',
        canMatch: [allowed(['read', 'Task'])],
        loadComponent: () => import('./features/calendar/calendar.page').then((m) => m.CalendarPage),
      },
      {
        path: 'deals',
        canMatch: [allowed(['read', 'Deal'])],
        loadChildren: () => import('./features/deals/deals.routes').then((m) => m.dealsRoutes),
      },
      {
        path: 'audit',
        canMatch: [allowed(['read', 'AuditEvent'])],
        loadChildren: () => import('./features/audit/audit.routes').then((m) => m.auditRoutes),
      },
      {
        path: 'admin',
        canMatch: [allowed(['update', 'User'], ['update', 'Team'], ['update', 'Role'], ['manage', 'Settings'])],
        loadChildren: () => import('./features/admin/admin.routes').then((m) => m.adminRoutes),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
