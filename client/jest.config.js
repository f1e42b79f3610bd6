/** Client unit tests: stores, guards, interceptors and components in jsdom, without a browser. */
const { createCjsPreset } = require('jest-preset-angular/presets');

module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  displayName: 'client',
  rootDir: '.',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  moduleNameMapper: { '^@app/(.*)$': '<rootDir>/src/app/$1' },
  // Angular ships .mjs; transloco's helpers are ES modules with a .js extension.
  transformIgnorePatterns: ['node_modules/(?!(.*\\.mjs$|@jsverse/))'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/i18n-check.spec.ts'],
};
