import { ApiProperty } from '@nestjs/swagger';

export class BrandingResponse {
  @ApiProperty({ example: 'Kaspi Trade MMC' }) companyName!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Path of the company logo, null when none is configured' })
  logoUrl!: string | null;
}
