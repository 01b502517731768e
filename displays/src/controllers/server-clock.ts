/**
 * The server's time as seen from a display that runs for months on a box whose own clock may
 * be minutes off: the offset is taken from the `Date` header of any response the display reads.
 * Used to tell a fresh call from a stale one, and to show the time in the hall.
 */
export class ServerClock {
  #offsetMs = 0;

  /** Learns the offset from a response's Date header (whole seconds: half a second is the best guess). */
  observe(response: Response): void {
    const header = response.headers.get('date');
    const serverMs = header ? Date.parse(header) : Number.NaN;
    if (!Number.isNaN(serverMs)) this.#offsetMs = serverMs + 500 - Date.now();
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  /** How long ago, by the server's clock, this ISO time was. */
  ageMs(iso: string): number {
    return this.now() - Date.parse(iso);
  }
}

/** A same-origin GET of JSON that also sets the clock; throws on any non-2xx answer. */
export async function getJson<T>(path: string, clock: ServerClock): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin' });
  clock.observe(response);
  if (!response.ok) throw new DisplayHttpError(response.status, path);
  return (await response.json()) as T;
}

export class DisplayHttpError extends Error {
  constructor(
    readonly status: number,
    path: string,
  ) {
    super(`${path} answered ${status}`);
  }
}
