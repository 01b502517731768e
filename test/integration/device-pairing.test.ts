/**
 * Device pairing (issue 6, Security 3): a manager issues a one-time code, a board or kiosk
 * exchanges it for a device token of that center. A center that requires paired devices
 * admits only them (and its staff) to its center and counter rooms and to kiosk issuance;
 * ticket rooms and web issuance stay open. Codes are single-use and expire; a wrong code is
 * a 4xx that changes nothing; revocation holds from the next subscribe; a token is good for
 * its own center only and for nothing a staff session guards.
 */
import { sql } from 'kysely';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubscribeAck, SubscribeRequest } from '../../shared/src/protocol.js';
import { subscribe, type TestSocket } from '../helpers/board.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

type Method = 'GET' | 'POST' | 'PATCH';

describe('device pairing [pglite]', () => {
  let database: TestDatabase;
  let app: TestApp;
  let a: CenterFixture;
  let b: CenterFixture;
  let managerA: string;
  let managerB: string;
  let clerkA: string;
  let address = 0;
  const sockets: TestSocket[] = [];

  async function send(
    method: Method,
    url: string,
    options: { body?: object; cookie?: string; headers?: Record<string, string> } = {},
  ) {
    const res = await app.app.inject({
      method,
      url,
      headers: {
        // A fresh address per request unless a test says otherwise: the pairing rate limit has its own test.
        'x-forwarded-for': `10.0.${Math.floor(address / 250)}.${(address++ % 250) + 1}`,
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { payload: options.body } : {}),
    });
    return { status: res.statusCode, body: res.json() as any, headers: res.headers };
  }

  async function login(username: string): Promise<string> {
    const res = await send('POST', '/api/auth/login', { body: { username, password: TEST_PASSWORD } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return String(res.headers['set-cookie']).split(';')[0]!;
  }

  async function newCode(centerId: number, cookie: string, kind = 'board', name = 'Bảng sảnh A') {
    const res = await send('POST', `/api/centers/${centerId}/pairing-codes`, {
      body: { kind, name },
      cookie,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { code: string; kind: string; name: string; expiresAt: string };
  }

  async function pair(centerId: number, cookie: string, kind = 'board') {
    const { code } = await newCode(centerId, cookie, kind, `${kind} ${address}`);
    const res = await send('POST', '/api/devices/pair', { body: { code } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { token: string; device: { id: number; centerId: number; kind: string } };
  }

  const requirePairing = async (centerId: number, cookie: string, on: boolean) => {
    const res = await send('PATCH', `/api/config/centers/${centerId}`, {
      body: { requirePairedDevices: on },
      cookie,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.requirePairedDevices).toBe(on);
  };

  function socket(options: { deviceToken?: string; cookie?: string } = {}): TestSocket {
    const s = io(app.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      ...(options.deviceToken ? { auth: { deviceToken: options.deviceToken } } : {}),
      ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
    }) as TestSocket;
    sockets.push(s);
    return s;
  }

  const sub = (request: SubscribeRequest, options: { deviceToken?: string; cookie?: string } = {}) =>
    subscribe(socket(options), request);
  const refusedNotPaired = (ack: SubscribeAck) =>
    expect(ack, JSON.stringify(ack)).toEqual({
      error: { code: 'device_not_paired', message: expect.stringMatching(/paired devices only/) },
    });

  /** Every row pairing may write. */
  const pairingRows = async () => ({
    devices: await database.db.selectFrom('paired_devices').selectAll().orderBy('id').execute(),
    codes: await database.db.selectFrom('pairing_codes').selectAll().orderBy('id').execute(),
    audit: await database.db.selectFrom('audit_log').select('id').orderBy('id').execute(),
  });

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database, { env: { TRUST_PROXY: '127.0.0.1' } }); // inject() comes from 127.0.0.1
    const spec = {
      services: ['A'],
      counters: [['A']],
      staff: [
        { role: 'clerk' as const, count: 1 },
        { role: 'manager' as const, count: 1 },
      ],
    };
    a = await createCenterFixture(database.db, spec);
    b = await createCenterFixture(database.db, spec);
    managerA = await login(a.usernames.manager[0]!);
    managerB = await login(b.usernames.manager[0]!);
    clerkA = await login(a.usernames.clerk[0]!);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app?.close();
    await database?.close();
  });

  it('issues an eight-digit code for ten minutes, shown once and stored only as a hash', async () => {
    const before = Date.now();
    const issued = await newCode(a.centerId, managerA, 'kiosk', 'Kiosk cửa chính');
    expect(issued).toEqual({
      code: expect.stringMatching(/^[0-9]{8}$/),
      kind: 'kiosk',
      name: 'Kiosk cửa chính',
      expiresAt: expect.any(String),
    });
    const minutes = (new Date(issued.expiresAt).getTime() - before) / 60_000;
    expect(minutes).toBeGreaterThan(9.5);
    expect(minutes).toBeLessThan(10.5);
    const rows = await database.db.selectFrom('pairing_codes').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(issued.code);
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'device.code_created')
      .where('center_id', '=', a.centerId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).not.toContain(issued.code);

    // Clerks may not, nor managers of another center, nor anyone signed out; the kind is checked.
    expect(
      (
        await send('POST', `/api/centers/${a.centerId}/pairing-codes`, {
          body: { kind: 'board', name: 'x' },
          cookie: clerkA,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await send('POST', `/api/centers/${a.centerId}/pairing-codes`, {
          body: { kind: 'board', name: 'x' },
          cookie: managerB,
        })
      ).status,
    ).toBe(403);
    expect(
      (await send('POST', `/api/centers/${a.centerId}/pairing-codes`, { body: { kind: 'board', name: 'x' } }))
        .status,
    ).toBe(401);
    const badKind = await send('POST', `/api/centers/${a.centerId}/pairing-codes`, {
      body: { kind: 'phone', name: 'x' },
      cookie: managerA,
    });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.code).toBe('validation_failed');
  });

  it('pairs a device once per code: a token in an HttpOnly SameSite=Strict cookie and in the body; the second use is refused', async () => {
    const { code } = await newCode(a.centerId, managerA, 'board', 'Bảng tầng 1');
    // Typed with a space, as the page shows it.
    const first = await send('POST', '/api/devices/pair', {
      body: { code: `${code.slice(0, 4)} ${code.slice(4)}` },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toEqual({
      device: {
        id: expect.any(Number),
        centerId: a.centerId,
        kind: 'board',
        name: 'Bảng tầng 1',
        counterId: null,
      },
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(String(first.headers['set-cookie'])).toMatch(
      new RegExp(
        `^luot_device_token=${first.body.token}; Max-Age=34560000; Path=/; HttpOnly; SameSite=Strict$`,
      ),
    );
    const stored = await database.db
      .selectFrom('paired_devices')
      .selectAll()
      .where('id', '=', first.body.device.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(first.body.token);
    const paired = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject', '=', `device:${first.body.device.id}`)
      .execute();
    expect(paired.map((r) => [r.action, r.user_id])).toEqual([['device.paired', null]]);

    const before = await pairingRows();
    const again = await send('POST', '/api/devices/pair', { body: { code } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'pairing_code_used',
      message: expect.stringMatching(/already been used/),
    });
    expect(await pairingRows()).toEqual(before);
  });

  it('lets only one of two devices racing with the same code pair', async () => {
    const { code } = await newCode(a.centerId, managerA);
    const replies = await Promise.all(
      [1, 2].map(() => send('POST', '/api/devices/pair', { body: { code } })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('pairs a counter display with its counter, and only a counter display with one of its center', async () => {
    const used = async () =>
      (await database.db.selectFrom('pairing_codes').select('id').where('used_at', 'is not', null).execute())
        .length;
    const before = await used();
    const board = await newCode(a.centerId, managerA, 'board', 'Bảng tầng 2');
    const wrongKind = await send('POST', '/api/devices/pair', {
      body: { code: board.code, counterId: a.counterIds[0]! },
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error).toMatchObject({
      code: 'validation_failed',
      details: { field: 'counterId' },
    });
    const display = await newCode(a.centerId, managerA, 'counter_display', 'Màn hình quầy 1');
    const foreign = await send('POST', '/api/devices/pair', {
      body: { code: display.code, counterId: b.counterIds[0]! },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(/not a counter of this center/);
    // Refused, the codes are still unused.
    expect(await used()).toBe(before);
    const paired = await send('POST', '/api/devices/pair', {
      body: { code: display.code, counterId: a.counterIds[0]! },
    });
    expect(paired.status).toBe(201);
    expect(paired.body.device).toMatchObject({ kind: 'counter_display', counterId: a.counterIds[0]! });
    const status = await send('GET', `/api/centers/${a.centerId}/device`, {
      cookie: `luot_device_token=${paired.body.token}`,
    });
    expect(status.body.device).toMatchObject({ counterId: a.counterIds[0]! });
  });

  it('refuses a wrong or malformed code with the reason, and writes nothing', async () => {
    await newCode(a.centerId, managerA);
    const before = await pairingRows();
    const codes = new Set(
      (await database.db.selectFrom('pairing_codes').select('code_hash').execute()).map((r) => r.code_hash),
    );
    expect(codes.size).toBeGreaterThan(0);
    const wrong = await send('POST', '/api/devices/pair', { body: { code: '00000000' } });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error).toMatchObject({
      code: 'pairing_code_invalid',
      message: expect.stringMatching(/no such pairing code/),
    });
    for (const body of [
      { code: '1234' },
      { code: 'abcdefgh' },
      { code: '123456789' },
      {},
      { code: '12345678', kind: 'board' },
    ]) {
      const res = await send('POST', '/api/devices/pair', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect(await pairingRows()).toEqual(before);
  });

  it('refuses an expired code, and writes nothing', async () => {
    const { code } = await newCode(a.centerId, managerA);
    await database.db
      .updateTable('pairing_codes')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` as unknown as Date })
      .where('used_at', 'is', null)
      .execute();
    const before = await pairingRows();
    const res = await send('POST', '/api/devices/pair', { body: { code } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'pairing_code_expired',
      message: expect.stringMatching(/expired/),
    });
    expect(await pairingRows()).toEqual(before);
  });

  it('limits pairing attempts from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await send('POST', '/api/devices/pair', {
        body: { code: String(10_000_000 + i) },
        headers: { 'x-forwarded-for': '192.0.2.77' },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('admits anonymous boards until the center requires pairing, then only its devices and its staff', async () => {
    const center = { centerId: a.centerId };
    const counter = { counterId: a.counterIds[0]! };
    expect(await sub(center)).toHaveProperty('snapshot');
    expect(await sub(counter)).toHaveProperty('snapshot');
    const status = await send('GET', `/api/centers/${a.centerId}/device`);
    expect(status.body).toEqual({ pairingRequired: false, paired: false, device: null });

    const board = await pair(a.centerId, managerA, 'board');
    await requirePairing(a.centerId, managerA, true);
    refusedNotPaired(await sub(center));
    refusedNotPaired(await sub(counter));
    expect((await send('GET', `/api/centers/${a.centerId}/device`)).body).toMatchObject({
      pairingRequired: true,
      paired: false,
    });

    // The device token, by handshake auth or by cookie; staff of the center by their session.
    expect(await sub(center, { deviceToken: board.token })).toHaveProperty('snapshot');
    expect(await sub(counter, { deviceToken: board.token })).toHaveProperty('snapshot');
    expect(await sub(center, { cookie: `luot_device_token=${board.token}` })).toHaveProperty('snapshot');
    expect(await sub(center, { cookie: clerkA })).toHaveProperty('snapshot');
    refusedNotPaired(await sub(center, { cookie: managerB }));
    refusedNotPaired(await sub(center, { deviceToken: 'x'.repeat(43) }));
    const mine = await send('GET', `/api/centers/${a.centerId}/device`, {
      headers: { authorization: `Bearer ${board.token}` },
    });
    expect(mine.body).toEqual({
      pairingRequired: true,
      paired: true,
      device: { id: board.device.id, kind: 'board', name: expect.any(String), counterId: null },
    });

    // A citizen's ticket room stays open, and so does web issuance.
    const ticket = await send('POST', `/api/centers/${a.centerId}/tickets`, {
      body: { serviceId: a.serviceIds.A },
    });
    expect(ticket.status).toBe(201);
    expect(await sub({ ticketToken: ticket.body.token })).toHaveProperty('snapshot');

    // Switched off again, anyone may watch.
    await requirePairing(a.centerId, managerA, false);
    expect(await sub(center)).toHaveProperty('snapshot');
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('center_id', '=', a.centerId)
      .where('action', '=', 'center.updated')
      .execute();
    expect(audit.map((r) => r.details)).toEqual([
      { requirePairedDevices: true },
      { requirePairedDevices: false },
    ]);
  });

  it('refuses a token of center A for center B', async () => {
    const boardA = await pair(a.centerId, managerA, 'board');
    await requirePairing(b.centerId, managerB, true);
    const ack = await sub({ centerId: b.centerId }, { deviceToken: boardA.token });
    expect(ack).toEqual({
      error: { code: 'device_not_paired', message: expect.stringMatching(/another center/) },
    });
    refusedNotPaired(await sub({ counterId: b.counterIds[0]! }, { deviceToken: boardA.token }));
    const status = await send('GET', `/api/centers/${b.centerId}/device`, {
      cookie: `luot_device_token=${boardA.token}`,
    });
    expect(status.body).toEqual({ pairingRequired: true, paired: false, device: null });
    await requirePairing(b.centerId, managerB, false);
  });

  it('holds a revocation from the next subscribe on', async () => {
    const board = await pair(a.centerId, managerA, 'board');
    await requirePairing(a.centerId, managerA, true);
    expect(await sub({ centerId: a.centerId }, { deviceToken: board.token })).toHaveProperty('snapshot');
    const listed = await send('GET', `/api/centers/${a.centerId}/devices`, { cookie: managerA });
    expect(listed.status).toBe(200);
    expect(listed.body.map((d: { id: number }) => d.id)).toContain(board.device.id);
    expect(JSON.stringify(listed.body)).not.toContain(board.token);
    expect(listed.body.find((d: { id: number }) => d.id === board.device.id)).toMatchObject({
      kind: 'board',
      createdBy: a.usernames.manager[0],
      lastSeenAt: expect.any(String),
    });

    // Another center's manager may not revoke it.
    expect((await send('POST', `/api/devices/${board.device.id}/revoke`, { cookie: managerB })).status).toBe(
      403,
    );
    const revoked = await send('POST', `/api/devices/${board.device.id}/revoke`, { cookie: managerA });
    expect(revoked.status).toBe(200);
    expect(revoked.body.device).toMatchObject({ id: board.device.id, revokedAt: expect.any(String) });
    refusedNotPaired(await sub({ centerId: a.centerId }, { deviceToken: board.token }));
    const after = await send('GET', `/api/centers/${a.centerId}/devices`, { cookie: managerA });
    expect(after.body.map((d: { id: number }) => d.id)).not.toContain(board.device.id);
    // Idempotent, logged once.
    expect((await send('POST', `/api/devices/${board.device.id}/revoke`, { cookie: managerA })).status).toBe(
      200,
    );
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject', '=', `device:${board.device.id}`)
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['device.paired', 'device.revoked']);
    expect((await send('POST', '/api/devices/999999/revoke', { cookie: managerA })).status).toBe(404);
    await requirePairing(a.centerId, managerA, false);
  });

  it('takes kiosk tickets from paired kiosks of the center only, whether or not it requires pairing', async () => {
    const issue = (
      centerId: number,
      options: { cookie?: string; headers?: Record<string, string>; channel?: string } = {},
    ) =>
      send('POST', `/api/centers/${centerId}/tickets`, {
        body: {
          serviceId: centerId === a.centerId ? a.serviceIds.A! : b.serviceIds.A!,
          channel: options.channel ?? 'kiosk',
        },
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...(options.headers ? { headers: options.headers } : {}),
      });
    const count = async () => (await database.db.selectFrom('tickets').select('id').execute()).length;
    // Saying "kiosk" does not make a kiosk (DESIGN.md §14), even where pairing is not required.
    expect((await issue(a.centerId)).status).toBe(403);

    const kiosk = await pair(a.centerId, managerA, 'kiosk');
    const board = await pair(a.centerId, managerA, 'board');
    const kioskB = await pair(b.centerId, managerB, 'kiosk');
    await requirePairing(a.centerId, managerA, true);
    const before = await count();
    const refused = await issue(a.centerId);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'device_not_paired' });
    const asBoard = await issue(a.centerId, { cookie: `luot_device_token=${board.token}` });
    expect(asBoard.status).toBe(403);
    expect(asBoard.body.error.message).toMatch(/needs a kiosk paired with center/);
    expect((await issue(a.centerId, { cookie: `luot_device_token=${kioskB.token}` })).status).toBe(403);
    expect(await count()).toBe(before);

    expect((await issue(a.centerId, { cookie: `luot_device_token=${kiosk.token}` })).status).toBe(201);
    expect((await issue(a.centerId, { headers: { authorization: `Bearer ${kiosk.token}` } })).status).toBe(
      201,
    );
    expect((await issue(a.centerId, { cookie: clerkA })).status).toBe(201);
    // Citizens on the web channel are not affected; center B's own kiosk issues there.
    expect((await issue(a.centerId, { channel: 'web' })).status).toBe(201);
    expect((await issue(b.centerId, { cookie: `luot_device_token=${kioskB.token}` })).status).toBe(201);
    await requirePairing(a.centerId, managerA, false);
  });

  it('exempts a paired kiosk of the center from the per-address issuance limit', async () => {
    // An app of its own with a tight limit, on the same database.
    const strict = await startTestApp(database, {
      env: { ISSUE_RATE_PER_MINUTE: '2', TRUST_PROXY: '127.0.0.1' },
    });
    try {
      const kiosk = await pair(a.centerId, managerA, 'kiosk');
      const kioskB = await pair(b.centerId, managerB, 'kiosk');
      const issue = (cookie?: string) =>
        strict.app.inject({
          method: 'POST',
          url: `/api/centers/${a.centerId}/tickets`,
          headers: { 'x-forwarded-for': '10.9.9.9', ...(cookie ? { cookie } : {}) },
          payload: { serviceId: a.serviceIds.A!, channel: 'kiosk' },
        });
      const paired = [];
      for (let i = 0; i < 4; i++) paired.push((await issue(`luot_device_token=${kiosk.token}`)).statusCode);
      expect(paired).toEqual([201, 201, 201, 201]);
      // The same address without a token (no kiosk: refused, and counted), or with another
      // center's kiosk, is limited.
      const others = [
        (await issue()).statusCode,
        (await issue()).statusCode,
        (await issue(`luot_device_token=${kioskB.token}`)).statusCode,
      ];
      expect(others).toEqual([403, 403, 429]);
    } finally {
      await strict.close();
    }
  });

  it('gives a device token nothing a staff session guards', async () => {
    const kiosk = await pair(a.centerId, managerA, 'kiosk');
    const asDevice = [
      { cookie: `luot_device_token=${kiosk.token}` },
      { headers: { authorization: `Bearer ${kiosk.token}` } },
    ];
    for (const credential of asDevice) {
      for (const [method, url, body] of [
        ['GET', '/api/auth/me'],
        ['GET', `/api/centers/${a.centerId}/devices`],
        ['POST', `/api/centers/${a.centerId}/pairing-codes`, { kind: 'kiosk', name: 'x' }],
        ['POST', `/api/devices/${kiosk.device.id}/revoke`],
        ['GET', `/api/config/centers/${a.centerId}`],
        ['POST', `/api/counters/${a.counterIds[0]}/open`],
        ['GET', `/api/centers/${a.centerId}/dashboard`],
      ] as [Method, string, object?][]) {
        const res = await send(method, url, { ...credential, ...(body ? { body } : {}) });
        expect(res.status, `${method} ${url}`).toBe(401);
      }
    }
  });

  it('validates the pairing setting like any other', async () => {
    const res = await send('PATCH', `/api/config/centers/${a.centerId}`, {
      body: { requirePairedDevices: 'yes' },
      cookie: managerA,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ field: 'requirePairedDevices' });
    const config = await send('GET', `/api/config/centers/${a.centerId}`, { cookie: managerA });
    expect(config.body.center.requirePairedDevices).toBe(false);
  });
});
