/** `npm run test:unit`: the server's tests on a real PostgreSQL and the client's unit tests in jsdom. */
module.exports = {
  projects: ['<rootDir>/server/jest.config.js', '<rootDir>/client/jest.config.js'],
  maxWorkers: 2,
};
