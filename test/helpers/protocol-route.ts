/**
 * A page of another release, as far as the server can tell: every subscribe it sends carries
 * `protocolVersion` rewritten in flight (the socket.io packet `42<ack id>["subscribe", request]`)
 * on its way to the real server, which answers as it would such a page. Counts what a test
 * asserts on: WebSocket connections, and the server's `protocol_mismatch` refusals.
 */
import type { Page } from 'playwright-core';

export interface ProtocolRoute {
  sockets: number;
  refusals: number;
}

export async function speakProtocolVersion(page: Page, version: number): Promise<ProtocolRoute> {
  const seen: ProtocolRoute = { sockets: 0, refusals: 0 };
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    seen.sockets++;
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const subscribe = typeof message === 'string' && /^42(\d*)(\["subscribe",.*)$/s.exec(message);
      if (!subscribe) return server.send(message);
      const [event, request] = JSON.parse(subscribe[2]!) as [string, Record<string, unknown>];
      server.send(`42${subscribe[1]}${JSON.stringify([event, { ...request, protocolVersion: version }])}`);
    });
    server.onMessage((message) => {
      if (typeof message === 'string' && message.includes('"protocol_mismatch"')) seen.refusals++;
      ws.send(message);
    });
  });
  return seen;
}
