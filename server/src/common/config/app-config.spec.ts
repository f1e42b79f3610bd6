import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, adminLogin: 'admin', logLevel: 'info', databaseUrl: undefined });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('names every bad variable', () => {
    const attempt = (): unknown => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT="eighty"');
      expect(message).toContain('DATABASE_URL="mysql://x"');
      expect(message).toContain('LOG_LEVEL="loud"');
    }
  });

  it('rejects a short admin password', () => {
    expect(() => loadConfig({ CRM_ADMIN_PASSWORD: 'short' })).toThrow(/CRM_ADMIN_PASSWORD/);
  });
});
