/**
 * The board's announcer: one announcement at a time, each one whole (chime, then the words),
 * in the order they were asked for, and never the same one twice. A backlog is bounded: at a
 * rush, an announcement more than `maxPending` behind is dropped rather than said minutes late
 * (the screen still shows it). Nothing here knows about browsers: the voice is given.
 */
export interface VoiceOutput {
  chime(): Promise<void>;
  /** Says the words and resolves when they have been said (or could not be). */
  say(words: readonly string[]): Promise<void>;
}

export interface Announcement {
  /** Unique per announcement (a call and its recall are two), to refuse a repeat. */
  key: string;
  words: readonly string[];
}

export interface AnnouncerOptions {
  maxPending?: number;
  /** How many keys are remembered to refuse repeats (bounded, for a board that runs for months). */
  remember?: number;
}

export class Announcer {
  #output: VoiceOutput;
  #queue: Announcement[] = [];
  #heard = new Set<string>();
  #running = false;
  #disposed = false;
  #maxPending: number;
  #remember: number;

  constructor(output: VoiceOutput, options: AnnouncerOptions = {}) {
    this.#output = output;
    this.#maxPending = options.maxPending ?? 8;
    this.#remember = options.remember ?? 256;
  }

  /** Queues an announcement; false when it was heard (or queued) before. */
  announce(announcement: Announcement): boolean {
    if (this.#disposed || this.#heard.has(announcement.key)) return false;
    this.#heard.add(announcement.key);
    // A Set iterates in insertion order: the first key is the oldest.
    if (this.#heard.size > this.#remember) this.#heard.delete(this.#heard.values().next().value as string);
    this.#queue.push(announcement);
    if (this.#queue.length > this.#maxPending) this.#queue.shift();
    void this.#run();
    return true;
  }

  get pending(): number {
    return this.#queue.length;
  }

  get speaking(): boolean {
    return this.#running;
  }

  dispose(): void {
    this.#disposed = true;
    this.#queue = [];
  }

  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (let next = this.#queue.shift(); next && !this.#disposed; next = this.#queue.shift()) {
        // A voice that fails must not stall the queue: the next call still gets its turn.
        await this.#output.chime().catch(() => undefined);
        await this.#output.say(next.words).catch(() => undefined);
      }
    } finally {
      this.#running = false;
    }
  }
}
