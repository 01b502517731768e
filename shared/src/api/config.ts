/** The manager's configuration page as GET /api/config/centers/:id replies (server/src/config-admin). */
import type { WireCounter } from '../protocol.js';
import type { ConfigService, IssuingWindow } from './services.js';
import type { ConfigUser } from './users.js';

/** A center's settings as configuration shows and saves them. */
export interface CenterSettings {
  id: number;
  name: string;
  address: string;
  hotline: string | null;
  boardNotice: string | null;
  timezone: string;
  openingHours: IssuingWindow[] | null;
  priorityEvery: number;
  ageingMinutes: number;
  requirePairedDevices: boolean;
}

export interface Configuration {
  center: CenterSettings;
  services: ConfigService[];
  counters: WireCounter[];
  users: ConfigUser[];
}

/** GET /api/public-config: the origin printed QR codes and links point to (server/src/http/public-config.routes.ts). */
export interface PublicConfig {
  publicUrl: string;
  /** true when PUBLIC_URL is set; false when derived from the request. */
  configured: boolean;
}
