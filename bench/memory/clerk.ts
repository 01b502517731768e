/**
 * A steady trickle of real work for the soak: every `everyMs` a ticket is issued at the kiosk
 * and clerk1 calls it at counter 1, starts and completes it, so `ticket.*` events reach every
 * watcher. Failures are counted, not thrown: the soak reports them.
 */
const SERVICE_ID = 1;
const COUNTER_ID = 1;
const CENTER_ID = 1;

export interface ClerkLoop {
  stats: { cycles: number; errors: number; lastError: string };
  stop(): void;
}

async function call(base: string, cookie: string | null, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
  return {
    cookie: res.headers.get('set-cookie')?.split(';')[0] ?? null,
    body: text ? JSON.parse(text) : null,
  };
}

export async function startClerk(base: string, password: string, everyMs: number): Promise<ClerkLoop> {
  const login = await call(base, null, '/api/auth/login', { username: 'clerk1', password });
  const cookie = login.cookie;
  await call(base, cookie, `/api/counters/${COUNTER_ID}/open`);
  const stats = { cycles: 0, errors: 0, lastError: '' };
  let busy = false;
  const cycle = async () => {
    await call(base, cookie, `/api/centers/${CENTER_ID}/tickets`, {
      serviceId: SERVICE_ID,
      channel: 'kiosk',
    });
    const called = await call(base, cookie, `/api/counters/${COUNTER_ID}/call-next`);
    const id = (called.body as { ticket?: { id: number } } | null)?.ticket?.id;
    if (id === undefined) return;
    await call(base, cookie, `/api/tickets/${id}/start`);
    await call(base, cookie, `/api/tickets/${id}/complete`, {});
    stats.cycles++;
  };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    cycle()
      .catch((error: unknown) => {
        stats.errors++;
        stats.lastError = String(error).slice(0, 300);
      })
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  return { stats, stop: () => clearInterval(timer) };
}
