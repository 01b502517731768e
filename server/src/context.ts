/** What domain functions need: the database and where committed events go. */
import type { Kysely } from 'kysely';
import type { Database } from './db/tables.js';
import type { Publisher } from './events/publisher.js';

export interface DomainContext {
  db: Kysely<Database>;
  publisher: Publisher;
}
