/** `npm run test:unit`: the server's tests on a real PostgreSQL and the client's unit tests in jsdom. */
module.exports = {
  projects: ['<rootDir>/server/jest.config.js', '<rootDir>/client/jest.config.js'],
  maxWorkers: 2,
  // Global, not per project: the server's tests start apps and databases.
  testTimeout: 60_000,
};
