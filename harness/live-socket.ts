/** A Socket.IO client on Lượt's typed events, and `subscribe` as a promise: the raw live room, for tests and benchmarks. */
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeAck,
  SubscribeRequest,
} from '../shared/src/protocol.js';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSocket(
  url: string,
  options: { reconnection?: boolean; extraHeaders?: Record<string, string> } = {},
): LiveSocket {
  return io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? false,
    ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
  });
}

export function subscribe(socket: LiveSocket, request: SubscribeRequest): Promise<SubscribeAck> {
  return new Promise((resolve, reject) => {
    socket
      .timeout(10_000)
      .emit('subscribe', request, (err: Error | null, ack: SubscribeAck) =>
        err ? reject(err) : resolve(ack),
      );
  });
}
