import { readFileSync } from 'node:fs';
import { CONFIGURATION_DOC, configurationVariables, renderConfigurationDoc } from '../../../../scripts/docs/configuration';
import { ConfigError, ENV_KEYS, loadConfig } from './app-config';

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

describe('the configuration reference', () => {
  it('documents every variable the server reads, with a description, and is up to date', () => {
    const documented = configurationVariables();
    expect(documented.map((v) => v.name).sort()).toEqual([...ENV_KEYS].sort());
    expect(documented.filter((v) => v.description.length < 10).map((v) => v.name)).toEqual([]);
    // Stale when the class changed without `npm run docs:config`.
    expect({ upToDate: readFileSync(CONFIGURATION_DOC, 'utf8') === renderConfigurationDoc(), fix: 'npm run docs:config' }).toEqual({ upToDate: true, fix: 'npm run docs:config' });
  });
});
