/** The demo users' password in every test database. */
export const TEST_PASSWORD = 'luot-test-password';
