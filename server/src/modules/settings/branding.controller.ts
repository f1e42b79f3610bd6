import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { notFound } from '../../common/errors/app-error';
import { ApiProblems } from '../../common/http/api-problems';
import { Public } from '../auth/auth.decorators';
import { BrandingResponse } from './dto/branding.dto';

const LOGO_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};
const MAX_LOGO_BYTES = 512 * 1024;

/** The company name and logo the sign-in page and the top bar show; public, as they appear before sign-in. */
@ApiTags('settings')
@Controller('api/v1/settings/branding')
export class BrandingController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'getBranding', summary: 'Company name and logo shown by the web client' })
  @ApiOkResponse({ type: BrandingResponse })
  getBranding(): BrandingResponse {
    return { companyName: this.config.companyName, logoUrl: this.config.companyLogo === undefined ? null : '/api/v1/settings/branding/logo' };
  }

  @Get('logo')
  @Public()
  @ApiOperation({ operationId: 'getBrandingLogo', summary: 'The configured company logo' })
  @ApiProduces(...new Set(Object.values(LOGO_TYPES)))
  @ApiOkResponse({ description: 'The image' })
  @ApiProblems(404)
  async getLogo(@Res() reply: FastifyReply): Promise<void> {
    const file = this.config.companyLogo;
    const size = file === undefined ? undefined : await stat(file).then((s) => s.size, () => undefined);
    if (file === undefined || size === undefined || size > MAX_LOGO_BYTES) {
      throw notFound('No company logo is configured');
    }
    await reply
      .header('Content-Type', LOGO_TYPES[extname(file).toLowerCase()])
      .header('Cache-Control', 'public, max-age=3600')
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(await readFile(file));
  }
}
