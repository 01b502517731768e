/**
 * A page whose next subscribes fail as if the server's database were away for a moment: the
 * subscribe (the socket.io packet `42<ack id>["subscribe", request]`) never reaches the server,
 * and the page is answered `database_unavailable` (`43<ack id>[reply]`) instead. Set `failNext`
 * before the page connects; counts the subscribes it refused and those it let through.
 */
import type { Page } from 'playwright-core';

export interface SubscribeRoute {
  failNext: number;
  refused: number;
  passed: number;
}

export async function failSubscribes(page: Page, failNext: number): Promise<SubscribeRoute> {
  const seen: SubscribeRoute = { failNext, refused: 0, passed: 0 };
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const subscribe = typeof message === 'string' && /^42(\d+)\["subscribe",/.exec(message);
      if (!subscribe) return server.send(message);
      if (seen.failNext > 0) {
        seen.failNext--;
        seen.refused++;
        const reply = {
          error: { code: 'database_unavailable', message: 'could not read the current state; retry' },
        };
        return ws.send(`43${subscribe[1]}${JSON.stringify([reply])}`);
      }
      seen.passed++;
      server.send(message);
    });
    server.onMessage((message) => ws.send(message));
  });
  return seen;
}
