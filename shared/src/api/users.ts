/** Staff accounts as the HTTP replies carry them: the signed-in user and the configuration's list. */

export const ROLES = ['clerk', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is signed in, in POST /api/auth/login and GET /api/auth/me (server/src/auth/auth.routes.ts). */
export interface SignedInUser {
  id: number;
  username: string;
  /** The full name from the configuration; empty when none was given. */
  displayName: string;
  role: Role;
  centerIds: number[];
}

export interface SignedIn {
  user: SignedInUser;
}

/** A staff account as the manager's configuration lists and saves it (server/src/config-admin). */
export interface ConfigUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  centerIds: number[];
}

/** The signed-in clerk's own figures for today, GET /api/me/today (server/src/stats/clerk-today.ts). */
export interface ClerkToday {
  served: number;
  averageServiceSeconds: number | null;
  noShows: number;
}
