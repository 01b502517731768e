/**
 * Staff accounts (issue 10, items 13 and 17; DESIGN.md §14). A password is at least 12
 * characters, not blank or invisible-only, not the username, not a common password, on
 * creation, on reset and for DEMO_PASSWORD; each refusal names the field and the rule and
 * changes nothing. Nobody changes their own role, and the last active admin cannot be demoted
 * or deactivated, even by two admins demoting each other at the same moment.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordFlaw } from '../../server/src/auth/password-policy.js';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import type { Database } from '../../server/src/db/tables.js';
import { generateDemoPassword } from '../../server/src/seed/demo-seed.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture, userIdOf } from '../helpers/fixtures.js';
import { expectError, StrictClient } from '../helpers/refusals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

const usersPrint = async (db: Kysely<Database>) => ({
  users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
  audit: await db.selectFrom('audit_log').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
});

/** Passwords refused, and the rule each breaks (the username is `nv_hcc`). */
const WEAK: [string, string][] = [
  ['password', 'too_short'],
  ['short-pass1', 'too_short'],
  ['e\u0301'.repeat(8), 'too_short'], // 16 code points typed, 8 after NFC
  [' '.repeat(12), 'blank'],
  ['\u200b'.repeat(14), 'blank'],
  ['\u3000\u00a0\u2060'.repeat(5), 'blank'],
  ['password1234', 'common'],
  ['Password2024!', 'common'],
  ['luot12345678', 'common'],
  ['qwertyuiop123', 'common'],
  ['nv_hcc2024!!!', 'username'],
];

describe('DEMO_PASSWORD', () => {
  const base = { SESSION_SECRET: 's'.repeat(32) };

  it('refuses a weak DEMO_PASSWORD at start, naming it and the rule', () => {
    for (const [password, message] of [
      ['password', /DEMO_PASSWORD must have at least 12 characters/],
      ['            ', /DEMO_PASSWORD must not be blank/],
      ['password2024!', /DEMO_PASSWORD is a common password/],
      ['clerk1clerk1', /DEMO_PASSWORD must not be the username/],
    ] as const) {
      expect(() => loadConfig({ ...base, DEMO_PASSWORD: password })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, DEMO_PASSWORD: password })).toThrow(message);
    }
    expect(loadConfig({ ...base, DEMO_PASSWORD: TEST_PASSWORD }).demoPassword).toBe(TEST_PASSWORD);
  });

  it('generates a demo password that passes the policy', () => {
    for (let i = 0; i < 200; i++) {
      const password = generateDemoPassword();
      expect([...password].length).toBeGreaterThanOrEqual(12);
      expect(passwordFlaw(password, 'admin')).toBeNull();
    }
  });
});

eachDatabase('staff accounts', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let f: CenterFixture;
  let admin: StrictClient;
  let manager: StrictClient;

  const patch = (client: StrictClient, path: string, body: unknown) => client.request('PATCH', path, body);
  const idOf = (username: string) => userIdOf(database.db, username);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, {
      services: ['A'],
      counters: [['A']],
      staff: [
        { role: 'clerk', count: 1 },
        { role: 'manager', count: 1 },
        { role: 'admin', count: 2 },
      ],
    });
    // The fixture's two admins are the only ones: the demo admin is retired.
    await database.db.updateTable('users').set({ active: false }).where('username', '=', 'admin').execute();
    admin = await new StrictClient(app.url).login(f.usernames.admin[0]!);
    manager = await new StrictClient(app.url).login(f.usernames.manager[0]!);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  describe('passwords', () => {
    it('refuses a weak password on creation, naming the field and the rule, and stores nothing', async () => {
      for (const [password, rule] of WEAK) {
        const before = await usersPrint(database.db);
        const reply = await manager.post('/api/config/users', {
          username: 'nv_hcc',
          displayName: 'Nguyễn Văn Hải',
          role: 'clerk',
          centerIds: [f.centerId],
          password,
        });
        const error = expectError(reply, 400, 'validation_failed', JSON.stringify(password));
        expect(error.message, rule).toMatch(/^body\.password /);
        expect(error.details, JSON.stringify(password)).toMatchObject({ field: 'password', rule });
        expect(await usersPrint(database.db)).toEqual(before);
      }
    });

    it('refuses a weak password on reset; the old one still signs in', async () => {
      const clerk = f.usernames.clerk[0]!;
      const id = await idOf(clerk);
      const weak = [
        ...WEAK.filter(([, rule]) => rule !== 'username'),
        [clerk, 'username'],
        [`${clerk}!!`, 'username'],
      ];
      for (const [password, rule] of weak) {
        const before = await usersPrint(database.db);
        const reply = await manager.post(`/api/config/users/${id}/password`, { password });
        expect(expectError(reply, 400, 'validation_failed').details).toMatchObject({
          field: 'password',
          rule,
        });
        expect(await usersPrint(database.db)).toEqual(before);
      }
      expect(
        (
          await new StrictClient(app.url).post('/api/auth/login', {
            username: clerk,
            password: TEST_PASSWORD,
          })
        ).status,
      ).toBe(200);
    });

    it('accepts a good password of 12 characters, counted after NFC, and it signs in', async () => {
      // 12 characters typed decomposed (e + combining accent), as some keyboards send them.
      const password = 'Mây trắng bay'.normalize('NFD');
      expect([...password].length).toBeGreaterThan(12);
      const created = await manager.post('/api/config/users', {
        username: `nv_good_${kind}`,
        displayName: 'Trần Thị Mai',
        role: 'clerk',
        centerIds: [f.centerId],
        password,
      });
      expect(created.status).toBe(201);
      const login = await new StrictClient(app.url).post('/api/auth/login', {
        username: `nv_good_${kind}`,
        password: password.normalize('NFC'),
      });
      expect(login.status).toBe(200);
    });
  });

  describe('roles', () => {
    it('refuses changing your own role, for an admin too, and changes nothing', async () => {
      const self = await idOf(f.usernames.admin[0]!);
      const before = await usersPrint(database.db);
      const error = expectError(
        await patch(admin, `/api/config/users/${self}`, { role: 'manager' }),
        403,
        'forbidden',
      );
      expect(error.message).toMatch(/own role/);
      expect(error.details).toMatchObject({ rule: 'own_role' });
      const managerId = await idOf(f.usernames.manager[0]!);
      expectError(
        await patch(manager, `/api/config/users/${managerId}`, { role: 'admin' }),
        403,
        'forbidden',
      );
      expect(await usersPrint(database.db)).toEqual(before);
      // The session still works: nothing was ended.
      expect((await admin.get('/api/auth/me')).body.user.role).toBe('admin');
    });

    it('lets an admin demote another admin while one remains', async () => {
      const other = await idOf(f.usernames.admin[1]!);
      expect((await patch(admin, `/api/config/users/${other}`, { role: 'manager' })).body.role).toBe(
        'manager',
      );
      expect((await patch(admin, `/api/config/users/${other}`, { role: 'admin' })).body.role).toBe('admin');
    });

    for (const change of [{ role: 'manager' }, { active: false }]) {
      it(`leaves one admin when the last two ${JSON.stringify(change)} each other at the same moment`, async () => {
        const [nameA, nameB] = f.usernames.admin as [string, string];
        const [idA, idB] = [await idOf(nameA), await idOf(nameB)];
        await database.db
          .updateTable('users')
          .set({ role: 'admin', active: true })
          .where('id', 'in', [idA, idB])
          .execute();
        const a = await new StrictClient(app.url).login(nameA);
        const b = await new StrictClient(app.url).login(nameB);
        const send = () =>
          Promise.all([
            patch(a, `/api/config/users/${idB}`, change),
            patch(b, `/api/config/users/${idA}`, change),
          ]);
        let sent: ReturnType<typeof send> | undefined;
        if (kind === 'postgres') {
          // Hold the admin rows, so both changes are in flight before either can finish: without
          // the lock each would count two admins, and both would go through.
          await database.db.transaction().execute(async (trx) => {
            await trx.selectFrom('users').select('id').where('id', 'in', [idA, idB]).forUpdate().execute();
            sent = send();
            await expect
              .poll(async () => {
                const row = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity
                  WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(database.db);
                return Number(row.rows[0]?.n);
              })
              .toBe(2);
          });
        }
        const replies = await (sent ?? send());
        if (kind === 'postgres') {
          expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
          const refused = replies.find((r) => r.status === 409)!;
          expect(expectError(refused, 409, 'last_admin').message).toMatch(/last active admin/);
        } else {
          // One connection runs them one after the other: the first change ends the other
          // admin's session, so the second is refused before it reaches the rule.
          expect(replies.map((r) => r.status).sort()).toEqual([200, 401]);
        }
        const admins = await database.db
          .selectFrom('users')
          .select('id')
          .where('role', '=', 'admin')
          .where('active', '=', true)
          .execute();
        expect(admins).toHaveLength(1);
      });
    }
  });
});
