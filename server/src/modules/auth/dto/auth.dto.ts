import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { UserResponse } from './user.dto';

export class LoginRequest {
  @ApiProperty({ example: 'admin' })
  @IsString() @MinLength(1) @MaxLength(64)
  login!: string;

  @ApiProperty({ format: 'password' })
  @IsString() @MinLength(1) @MaxLength(200)
  password!: string;
}

export class ChangePasswordRequest {
  @ApiProperty({ format: 'password' })
  @IsString() @MinLength(1) @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: 10, description: 'At least 10 characters, not the current password' })
  @IsString() @MinLength(10) @MaxLength(200)
  newPassword!: string;
}

export class SessionResponse {
  @ApiProperty({ description: 'Bearer token for the Authorization header' })
  accessToken!: string;

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn!: number;

  @ApiProperty({ type: UserResponse })
  user!: UserResponse;
}

export class MeResponse {
  @ApiProperty({ type: UserResponse })
  user!: UserResponse;

  @ApiProperty({ type: [String], example: ['sales_rep'] })
  roles!: string[];

  @ApiProperty({
    description: 'CASL rules packed with @casl/ability/extra packRules: [action, subject, conditions?, inverted?, fields?]',
    type: 'array',
    items: { type: 'array', items: {} },
  })
  rules!: unknown[];
}
