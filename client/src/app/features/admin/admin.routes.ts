import { inject } from '@angular/core';
import { Routes } from '@angular/router';
import { provideTranslocoScope } from '@jsverse/transloco';
import { allowed } from '@app/core/auth/auth.guards';
import { AuthStore } from '@app/core/auth/auth.store';
import { ADMIN_TABS } from './admin-tabs';
import { RolesStore } from './data-access/roles.store';
import { TeamsStore } from './data-access/teams.store';

export const adminRoutes: Routes = [
  {
    path: '',
    // Roles and teams are shared by the tabs (the user form offers them), so they live as long as the section.
    providers: [provideTranslocoScope('admin'), RolesStore, TeamsStore],
    loadComponent: () => import('./admin.page').then((m) => m.AdminPage),
    children: [
      {
        path: '',
        pathMatch: 'full',
        // Signed out, the first tab: the sign-in then returns there, and its guard decides.
        redirectTo: () => {
          const auth = inject(AuthStore);
          const ability = auth.ability();
          return ADMIN_TABS.find((tab) => !auth.signedIn() || ability.can('update', tab.subject))?.path ?? '/';
        },
      },
      {
        path: 'users',
        canMatch: [allowed(['update', 'User'])],
        loadComponent: () => import('./users/users.page').then((m) => m.UsersPage),
      },
      {
        path: 'teams',
        canMatch: [allowed(['update', 'Team'])],
        loadComponent: () => import('./teams/teams.page').then((m) => m.TeamsPage),
      },
      {
        path: 'custom-fields',
        canMatch: [allowed(['manage', 'Settings'])],
        providers: [provideTranslocoScope('fields')],
        loadComponent: () => import('./custom-fields/custom-fields.page').then((m) => m.CustomFieldsPage),
      },
      {
        path: 'pipelines',
        canMatch: [allowed(['update', 'Pipeline'])],
        providers: [provideTranslocoScope('deals')],
        loadComponent: () => import('./pipelines/pipelines.page').then((m) => m.PipelinesPage),
      },
      {
        path: 'roles',
        canMatch: [allowed(['update', 'Role'])],
        children: [
          { path: '', loadComponent: () => import('./roles/roles.page').then((m) => m.RolesPage) },
          { path: 'new', loadComponent: () => import('./roles/role-editor.page').then((m) => m.RoleEditorPage) },
          { path: ':id', loadComponent: () => import('./roles/role-editor.page').then((m) => m.RoleEditorPage) },
        ],
      },
    ],
  },
];
