/** Server tests: unit specs beside the code, HTTP specs in test/, all against a real PostgreSQL. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  displayName: 'server',
  rootDir: '..',
  roots: ['<rootDir>/server', '<rootDir>/migrations'],
  testEnvironment: 'node',
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swc] },
  // NestJS 12 and some of its companions ship ES modules only; compile them like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@fastify|fastify|cookie|content-disposition|file-type|strtok3|token-types|uint8array-extras|@tokenizer|@borewit|load-esm|set-cookie-parser|toad-cache|formidable|libphonenumber-js|@standard-schema)/)'],
  globalSetup: '<rootDir>/server/test/global-setup.ts',
  globalTeardown: '<rootDir>/server/test/global-teardown.ts',
  testTimeout: 60_000,
};
