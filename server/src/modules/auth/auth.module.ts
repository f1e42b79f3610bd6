import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '../../common/config/app-config';
import { configuredOrFileSecret } from '../../common/config/secrets';
import { ActorCache } from './actor.cache';
import { ActorLoader } from './actor.loader';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JWT_SECRET } from './auth.tokens';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottleRepository } from './login-throttle.repository';
import { RolesController } from './roles.controller';
import { RolesRepository } from './roles.repository';
import { RolesService } from './roles.service';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';
import { TokensService } from './tokens.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const jwtSecretProvider = {
  provide: JWT_SECRET,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): string => configuredOrFileSecret(config.jwtSecret, config.dataDir, 'jwt.key'),
};

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [JWT_SECRET],
      extraProviders: [jwtSecretProvider],
      useFactory: (secret: string) => ({ secret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController, UsersController, TeamsController, RolesController],
  providers: [
    jwtSecretProvider,
    ActorCache,
    ActorLoader,
    AuthService,
    JwtStrategy,
    JwtAuthGuard,
    LoginThrottleRepository,
    TokensService,
    UsersRepository,
    UsersService,
    TeamsRepository,
    TeamsService,
    RolesRepository,
    RolesService,
  ],
  exports: [JwtAuthGuard],
})
export class AuthModule {}
