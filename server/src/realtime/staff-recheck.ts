/**
 * A staff room is joined once, with the session the socket's handshake carried, and a socket may
 * stay for days (a dashboard left open). Without a second look it would go on hearing every
 * note typed at the center after its session ended: signed out, expired after 12 hours, the
 * user deactivated, their password reset or their centers changed. So every `everyMs` the
 * sessions of the sockets in staff rooms are read again; a socket whose session no longer may
 * act in a center it follows is taken out of that room and disconnected, so its page finds out
 * (it reconnects, and its staff subscribe is refused until someone signs in again). A database
 * that cannot answer leaves everyone where they are until the next look.
 */
import type { Kysely } from 'kysely';
import { staffRoom } from '../../../shared/src/rooms.js';
import { mayActIn } from '../auth/actor.js';
import { actorOfSession } from '../auth/sessions.repository.js';
import type { Database } from '../db/tables.js';

interface StaffSocket {
  id: string;
  rooms: Set<string>;
  leave(room: string): unknown;
  disconnect(close?: boolean): unknown;
}

export class StaffRecheck {
  /** socket → the session it joined with, and the centers whose staff room it joined. */
  readonly #followed = new Map<StaffSocket, { session: string; centerIds: Set<number> }>();
  #running = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: { warn(obj: object, msg: string): void },
  ) {}

  joined(socket: StaffSocket, session: string, centerId: number): void {
    const entry = this.#followed.get(socket);
    // A later subscribe with a newer session (signed in again) is the one that counts.
    if (entry && entry.session === session) entry.centerIds.add(centerId);
    else this.#followed.set(socket, { session, centerIds: new Set([...(entry?.centerIds ?? []), centerId]) });
  }

  gone(socket: StaffSocket): void {
    this.#followed.delete(socket);
  }

  get size(): number {
    return this.#followed.size;
  }

  /** Checks every followed session once (a check still running when the next is due is not doubled). */
  async check(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      const bySession = new Map<string, StaffSocket[]>();
      for (const [socket, { session }] of this.#followed) {
        bySession.set(session, [...(bySession.get(session) ?? []), socket]);
      }
      for (const [session, sockets] of bySession) {
        const actor = await actorOfSession(this.db, session);
        for (const socket of sockets) {
          const entry = this.#followed.get(socket);
          if (!entry || entry.session !== session) continue;
          for (const centerId of [...entry.centerIds]) {
            if (!socket.rooms.has(staffRoom(centerId))) entry.centerIds.delete(centerId);
          }
          const lost = [...entry.centerIds].filter((c) => !actor || !mayActIn(actor, c));
          if (lost.length === 0) continue;
          for (const centerId of lost) socket.leave(staffRoom(centerId));
          this.#followed.delete(socket);
          socket.disconnect(true);
        }
      }
    } catch (error) {
      this.log.warn({ err: error }, 'could not check the sessions of staff sockets; next time');
    } finally {
      this.#running = false;
    }
  }

  /** Checks every `everyMs` until `stop()`; the timer never keeps the process alive. */
  start(everyMs: number): () => void {
    const timer = setInterval(() => {
      if (this.#followed.size > 0) void this.check();
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
