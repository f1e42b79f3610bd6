import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { DataSource } from 'typeorm';
import { inActorTransaction } from '../common/database/actor-transaction';
import { AuditService } from '../modules/audit/audit.service';
import { CreateUserRequest } from '../modules/auth/dto/user.dto';
import { generateOneTimePassword, hashPassword } from '../modules/auth/passwords';
import { RolesRepository } from '../modules/auth/roles.repository';
import { createUser, resetPassword, UserChangeDeps } from '../modules/auth/user-changes';
import { UsersRepository } from '../modules/auth/users.repository';
import { CliCommand, cliContext, CliIo, CommandFailure, EXIT, UsageError } from './cli-command';

const FLAG_OF: Record<string, string> = { login: '--login', displayName: '--name', email: '--email', password: 'the password from standard input' };

/** The API's own request class checks the values, so both accept the same logins, e-mails and passwords. */
function validCreateUserRequest(values: Record<string, unknown>): CreateUserRequest {
  const request = plainToInstance(CreateUserRequest, values);
  const [error] = validateSync(request, { whitelist: true, forbidNonWhitelisted: true });
  if (error) {
    throw new UsageError(`invalid ${FLAG_OF[error.property] ?? error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`);
  }
  return request;
}

/** All of standard input without its final line break. */
async function readPassword(io: CliIo): Promise<string> {
  if (!io.stdin) {
    throw new UsageError('--password-stdin needs the password on standard input');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const changeDeps = (dataSource: DataSource): UserChangeDeps => ({
  users: new UsersRepository(dataSource),
  audit: new AuditService(dataSource),
});

export const USER_COMMANDS: CliCommand[] = [
  {
    name: 'create-admin',
    summary: 'create a user holding the built-in admin role',
    options: {
      login: { type: 'string', value: '<login>', required: true, description: '2-64 of a-z 0-9 . _ @ -, case-insensitive' },
      name: { type: 'string', value: '<display name>', description: 'name shown in the application (default: the login)' },
      email: { type: 'string', value: '<e-mail>', description: 'e-mail address' },
      'password-stdin': { type: 'boolean', description: 'read the password (10+ characters) from standard input instead of generating one' },
    },
    notes: 'Without --password-stdin a one-time password is printed once; it must be changed at first sign-in.',
    async run({ io, dataSource }, { options }) {
      const password = options['password-stdin'] ? await readPassword(io) : undefined;
      const request = validCreateUserRequest({
        login: options.login,
        displayName: options.name ?? options.login,
        ...(options.email === undefined ? {} : { email: options.email }),
        ...(password === undefined ? {} : { password }),
      });
      const oneTimePassword = password === undefined ? generateOneTimePassword() : undefined;
      const passwordHash = await hashPassword(password ?? oneTimePassword!);
      const context = cliContext('create-admin');
      const deps = changeDeps(dataSource);
      const roles = new RolesRepository(dataSource);
      const user = await inActorTransaction(dataSource, context, async (manager) => {
        const adminRoleId = await roles.idByName(manager, 'admin');
        if (!adminRoleId) {
          throw new CommandFailure('the built-in admin role is missing: apply the migrations first (crm migrate up)');
        }
        const id = await createUser(
          manager,
          deps,
          context,
          {
            login: request.login,
            email: request.email ?? null,
            displayName: request.displayName,
            locale: 'az',
            passwordHash,
            mustChangePassword: oneTimePassword !== undefined,
            createdBy: null,
          },
          { roleIds: [adminRoleId] },
        );
        return deps.users.getResponse(id, manager);
      });
      io.stdout.write(`Created administrator "${user.login}" (${user.id}).\n`);
      if (oneTimePassword) {
        io.stdout.write(`One-time password, shown only now; it must be changed at first sign-in:\n${oneTimePassword}\n`);
      }
      return EXIT.ok;
    },
  },
  {
    name: 'user reset-password',
    summary: "give a user a new one-time password and end the user's sessions",
    args: ['login'],
    notes: 'The new password is printed once; it must be changed at the next sign-in.',
    async run({ io, dataSource }, { args: [login] }) {
      const oneTimePassword = generateOneTimePassword();
      const passwordHash = await hashPassword(oneTimePassword);
      const context = cliContext('user reset-password');
      const deps = changeDeps(dataSource);
      await inActorTransaction(dataSource, context, async (manager) => {
        const user = await deps.users.findByLogin(login, manager);
        if (!user) {
          throw new CommandFailure(`no user with login "${login}"`);
        }
        await resetPassword(manager, deps, context, user.id, passwordHash);
      });
      io.stdout.write(`New one-time password of "${login.toLowerCase()}", shown only now; it must be changed at the next sign-in. Their sessions are ended.\n${oneTimePassword}\n`);
      return EXIT.ok;
    },
  },
];
