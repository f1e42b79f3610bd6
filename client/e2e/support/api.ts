import { APIRequestContext, expect, request as playwrightRequest } from '@playwright/test';
import type { Schema } from '../../src/app/core/api/schema';
import { E2E } from './env';

export interface Credentials {
  login: string;
  password: string;
}

/** A unique suffix, so tests running side by side never meet each other's records. */
export const unique = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The API as one user, for preparing what a browser test starts from. */
export class Api {
  private constructor(
    readonly context: APIRequestContext,
    readonly token: string,
  ) {}

  static async signIn(credentials: Credentials): Promise<Api> {
    const context = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
    const response = await context.post('/api/v1/auth/login', { data: { login: credentials.login, password: credentials.password } });
    expect(response.status(), await response.text()).toBe(200);
    const session = (await response.json()) as Schema<'SessionResponse'>;
    return new Api(context, session.accessToken);
  }

  static admin(): Promise<Api> {
    return Api.signIn({ login: E2E.adminLogin, password: E2E.adminPassword });
  }

  async call<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, data?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.context.fetch(path, { method, data, headers: { Authorization: `Bearer ${this.token}`, ...headers } });
    expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (response.status() === 204 ? undefined : await response.json()) as T;
  }

  async roleId(name: string): Promise<string> {
    const roles = await this.call<Schema<'RoleList'>>('GET', '/api/v1/roles');
    const role = roles.items.find((r) => r.name === name);
    if (role === undefined) {
      throw new Error(`no role ${name}`);
    }
    return role.id;
  }

  /** A user with the given roles who still has to replace their one-time password. */
  async createUserWithOneTimePassword(roleNames: string[], displayName = `Test ${unique()}`): Promise<Credentials & { id: string }> {
    const roleIds = await Promise.all(roleNames.map((name) => this.roleId(name)));
    const login = `u${unique()}`;
    const created = await this.call<Schema<'CreatedUserResponse'>>('POST', '/api/v1/users', { login, displayName, roleIds, locale: 'en' });
    return { id: created.user.id, login, password: created.oneTimePassword! };
  }

  /** A user with the given roles and a password of their own, ready to work. */
  async createUser(roleNames: string[], displayName?: string): Promise<Credentials & { id: string }> {
    const user = await this.createUserWithOneTimePassword(roleNames, displayName);
    const own = `Own-password-${unique()}`;
    const asUser = await Api.signIn(user);
    await asUser.call('POST', '/api/v1/auth/change-password', { currentPassword: user.password, newPassword: own });
    await asUser.dispose();
    return { ...user, password: own };
  }

  dispose(): Promise<void> {
    return this.context.dispose();
  }
}
