/**
 * HTTP as bytes on a socket, for what `inject` cannot send because it skips Node's parser:
 * a body shorter than its Content-Length, two lengths, a chunk size that is no number, a
 * header with a control character, a request line that is no request line. Collects every
 * response the server writes until it closes the connection (or `waitMs` passes).
 */
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The responses in `text`, in order (each read by its Content-Length, or to the end). */
export function parseResponses(text: string): RawResponse[] {
  const out: RawResponse[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/')) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [statusLine = '', ...lines] = rest.slice(0, end).split('\r\n');
    const headers = Object.fromEntries(
      lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
    );
    const status = Number(statusLine.split(' ')[1]);
    // 1xx, 204 and 304 have no body; others without a length run to the end.
    const bodyless = status < 200 || status === 204 || status === 304;
    const length = bodyless
      ? 0
      : headers['content-length'] === undefined
        ? rest.length - end - 4
        : Number(headers['content-length']);
    const body = rest.slice(end + 4, end + 4 + length);
    if (body.length < length) break; // not all here yet
    out.push({ status, headers, body });
    rest = rest.slice(end + 4 + body.length);
  }
  return out;
}

/**
 * Writes `request` to `port` and, with `halfClose`, ends the writing side (a client that
 * stops mid-body). Resolves with what came back once `responses` complete ones are in, the
 * server closes, or `waitMs` passes.
 */
export function rawHttp(
  port: number,
  request: string | Buffer,
  options: { halfClose?: boolean; waitMs?: number; responses?: number } = {},
): Promise<{ responses: RawResponse[]; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closedByServer = false;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ responses: parseResponses(Buffer.concat(chunks).toString('latin1')), closedByServer });
    };
    const timer = setTimeout(done, options.waitMs ?? 3_000);
    socket.on('data', (d) => {
      chunks.push(d);
      const n = parseResponses(Buffer.concat(chunks).toString('latin1')).length;
      if (n >= (options.responses ?? Number.POSITIVE_INFINITY)) done();
    });
    socket.on('end', () => {
      closedByServer = true;
      done();
    });
    socket.on('close', done);
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? done() : reject(e)));
    socket.write(request, () => {
      if (options.halfClose) socket.end();
    });
  });
}
