/**
 * Staff are shown by their full name (issue 11 item 10): the demo seeds real names, sign-in and
 * GET /api/auth/me both give `displayName`, a rename in configuration shows at the next /me,
 * and an account without a name has an empty one (the page falls back to the username).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLERK_NAMES } from '../../server/src/seed/demo-seed.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

describe('staff full names', () => {
  let database: TestDatabase;
  let app: TestApp;
  let f: CenterFixture;

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, { services: ['A'], counters: [['A']] });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('gives the seeded clerk’s full name at sign-in and from /me', async () => {
    const clerk = new Client(app.url);
    const login = await clerk.post('/api/auth/login', { username: 'clerk1', password: TEST_PASSWORD });
    expect(login.body.user).toMatchObject({ username: 'clerk1', displayName: 'Nguyễn Thị Lan' });
    expect(DEMO_CLERK_NAMES[0]).toBe('Nguyễn Thị Lan');
    expect((await clerk.get('/api/auth/me')).body.user).toMatchObject({
      username: 'clerk1',
      displayName: 'Nguyễn Thị Lan',
      role: 'clerk',
    });
  });

  it('shows a rename made in configuration at the next /me', async () => {
    const clerk = new Client(app.url);
    await clerk.login('clerk2');
    const admin = new Client(app.url);
    await admin.login('admin');
    const { id } = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'clerk2')
      .executeTakeFirstOrThrow();
    const reply = await admin.request('PATCH', `/api/config/users/${id}`, { displayName: 'Trần Thị Bích' });
    expect(reply.status).toBe(200);
    expect((await clerk.get('/api/auth/me')).body.user.displayName).toBe('Trần Thị Bích');
  });

  it('gives an empty name for an account configured without one', async () => {
    const clerk = new Client(app.url);
    await clerk.login(f.usernames.clerk[0]!);
    expect((await clerk.get('/api/auth/me')).body.user).toMatchObject({
      username: f.usernames.clerk[0],
      displayName: '',
    });
  });
});
