import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Schema } from '../api/schema';

/** Company name and logo set by the administrator (CRM_COMPANY_NAME, CRM_COMPANY_LOGO). */
@Injectable({ providedIn: 'root' })
export class BrandingStore {
  private readonly http = inject(HttpClient);
  readonly branding = signal<Schema<'BrandingResponse'>>({ companyName: 'CRM', logoUrl: null });

  async load(): Promise<void> {
    try {
      const branding = await firstValueFrom(this.http.get<Schema<'BrandingResponse'>>('/api/v1/settings/branding'));
      this.branding.set(branding);
      document.title = branding.companyName;
    } catch {
      // The defaults stay; the network banner tells the user the server is unreachable.
    }
  }
}
