import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { ApiProblems } from '../../common/http/api-problems';
import { packAbilityRules } from '../permissions/ability';
import type { Actor } from './actor';
import { AllowedBeforePasswordChange, CurrentActor, Public } from './auth.decorators';
import { AuthService, ClientInfo } from './auth.service';
import { ChangePasswordRequest, LoginRequest, MeResponse, SessionResponse } from './dto/auth.dto';
import { UpdateOwnProfileRequest, UserResponse } from './dto/user.dto';
import type { IssuedTokens } from './tokens.service';
import { UsersService } from './users.service';

export const REFRESH_COOKIE = 'crm_refresh';
const COOKIE_PATH = '/api/v1/auth';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Sign in; sets the refresh-token cookie' })
  @ApiOkResponse({ type: SessionResponse })
  @ApiProblems(400, 401, 429)
  async login(@Body() body: LoginRequest, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionResponse> {
    const { tokens, user } = await this.auth.login(body, clientOf(request));
    this.setRefreshCookie(reply, tokens);
    return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn, user };
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({ operationId: 'refresh', summary: 'Renew the access token with the refresh-token cookie (rotates it)' })
  @ApiOkResponse({ type: SessionResponse })
  @ApiProblems(401)
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionResponse> {
    try {
      const { tokens, user } = await this.auth.refresh(request.cookies[REFRESH_COOKIE], clientOf(request));
      this.setRefreshCookie(reply, tokens);
      return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn, user };
    } catch (error) {
      void reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      throw error;
    }
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: 'Sign out: revoke the session and clear the cookie' })
  @ApiNoContentResponse()
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(request.cookies[REFRESH_COOKIE], clientOf(request));
    void reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
  }

  @Get('me')
  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @ApiOperation({ operationId: 'me', summary: 'The signed-in user, their roles and packed CASL rules' })
  @ApiOkResponse({ type: MeResponse })
  @ApiProblems(401)
  async me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return { user: await this.users.get(actor.id), roles: actor.roles, rules: packAbilityRules(actor.ability) };
  }

  @Patch('me')
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'updateMe', summary: 'Change own display name, e-mail or language' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401)
  updateMe(@CurrentActor() actor: Actor, @Body() body: UpdateOwnProfileRequest): Promise<UserResponse> {
    return this.users.updateOwnProfile(actor, body);
  }

  @Post('change-password')
  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @HttpCode(204)
  @ApiOperation({ operationId: 'changePassword', summary: 'Change own password (required after a one-time password)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401)
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordRequest): Promise<void> {
    return this.auth.changePassword(actor, body);
  }

  private setRefreshCookie(reply: FastifyReply, tokens: IssuedTokens): void {
    void reply.setCookie(REFRESH_COOKIE, tokens.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.publicUrl?.startsWith('https://') ?? false,
      path: COOKIE_PATH,
      expires: tokens.refreshExpiresAt,
    });
  }
}

function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: String(request.id) };
}
