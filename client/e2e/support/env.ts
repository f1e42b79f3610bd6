/** Where the browser tests' server listens and how its administrator signs in (see serve.js). */
export const E2E = {
  baseUrl: `http://127.0.0.1:${process.env['E2E_PORT'] ?? '3123'}`,
  adminLogin: 'admin',
  adminPassword: 'e2e-admin-password-1',
};
