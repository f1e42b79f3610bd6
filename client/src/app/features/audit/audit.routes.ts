import { Routes } from '@angular/router';

export const auditRoutes: Routes = [];
