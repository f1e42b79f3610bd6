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

  it('takes an IANA time zone for "today" and refuses anything else', () => {
    expect(loadConfig({}).timeZone).toBe('Asia/Baku');
    expect(loadConfig({ CRM_TIME_ZONE: 'Europe/Istanbul' }).timeZone).toBe('Europe/Istanbul');
    expect(() => loadConfig({ CRM_TIME_ZONE: 'Baku' })).toThrow(/CRM_TIME_ZONE="Baku"/);
  });

  it('reads the background job switches', () => {
    expect(loadConfig({})).toMatchObject({ backgroundJobs: true, jobPollSeconds: 2 });
    expect(loadConfig({ CRM_BACKGROUND_JOBS: 'false', CRM_JOB_POLL_SECONDS: '0.5' })).toMatchObject({ backgroundJobs: false, jobPollSeconds: 0.5 });
    expect(() => loadConfig({ CRM_JOB_POLL_SECONDS: '0.1' })).toThrow(/CRM_JOB_POLL_SECONDS/);
    expect(() => loadConfig({ CRM_BACKGROUND_JOBS: 'maybe' })).toThrow(/CRM_BACKGROUND_JOBS/);
  });

  it('keeps uploaded import files 30 days unless told otherwise, at least one', () => {
    expect(loadConfig({}).importFileDays).toBe(30);
    expect(loadConfig({ CRM_IMPORT_FILE_DAYS: '7' }).importFileDays).toBe(7);
    expect(() => loadConfig({ CRM_IMPORT_FILE_DAYS: '0' })).toThrow(/CRM_IMPORT_FILE_DAYS="0"/);
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
