/**
 * Passwords, tokens and session ids never reach the logs (issue 6, Security 4): a real server
 * process at the most talkative level (trace) goes through sign-in (right and wrong
 * passwords), a citizen's ticket and its token routes and room, a lookup of a lost ticket by
 * number and phone (the phone is personal data), device pairing and sign-out;
 * none of those secrets appears anywhere in what it printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectSocket, subscribe } from '../helpers/board.js';
import { type ServerProcess, startServer } from '../helpers/server-process.js';
import { Client } from '../helpers/test-app.js';

const PASSWORD = 'log-secrets-password-Zq7';

describe('secrets in the logs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'luot-logs-'));
  let server: ServerProcess | null = null;

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints none, even at trace level', async () => {
    server = await startServer({ DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'trace' });
    const secrets: string[] = [PASSWORD];

    const wrong = await new Client(server.url).post('/api/auth/login', {
      username: 'manager',
      password: 'a-wrong-password-Xk2',
    });
    expect(wrong.status).toBe(401);
    secrets.push('a-wrong-password-Xk2');
    const manager = await new Client(server.url).login('manager', PASSWORD);
    secrets.push(manager.cookie!.split('=')[1]!);

    const phone = new Client(server.url);
    const ticket = await phone.post('/api/centers/1/tickets', { serviceId: 1 });
    expect(ticket.status).toBe(201);
    const token: string = ticket.body.token;
    secrets.push(token, phone.cookie!.split('=')[1]!);
    expect((await phone.get(`/api/tickets/${token}`)).status).toBe(200);
    const socket = connectSocket(server.url);
    expect(await subscribe(socket, { ticketToken: token })).toHaveProperty('snapshot');
    socket.disconnect();
    // A lost ticket looked for by number and phone: the phone is personal data, never logged.
    const lookup = await phone.post('/api/centers/1/tickets/lookup', {
      number: ticket.body.number,
      phone: '0912 765 431',
    });
    expect(lookup.status).toBe(404);
    secrets.push('912765431', '912 765 431');
    expect((await phone.post(`/api/tickets/${token}/cancel`)).status).toBe(200);

    const code = await manager.post('/api/centers/1/pairing-codes', { kind: 'board', name: 'Bảng sảnh' });
    expect(code.status).toBe(201);
    const paired = await new Client(server.url).post('/api/devices/pair', { code: code.body.code });
    expect(paired.status).toBe(201);
    secrets.push(code.body.code, paired.body.token);
    expect((await manager.post('/api/auth/logout')).status).toBeLessThan(300);

    const output = server.output();
    // The failed sign-in was logged (who, from where): the logs are live, the check not vacuous.
    expect(output).toMatch(/"username":"manager".*"msg":"sign-in failed"/);
    expect(output).toMatch(/"found":false.*"msg":"ticket lookup by number and phone"/);
    for (const secret of secrets)
      expect(output, `a secret of ${secret.length} characters`).not.toContain(secret);
  });
});
