/**
 * The kiosk's calls to the Lượt API (through the shared client: a failure is an ApiError with
 * the contract's code, or `offline`, so the screen can say what happened and never hangs).
 */
import type { PublicConfig } from '../../../shared/src/api/config.js';
import type { DeviceStatus } from '../../../shared/src/api/devices.js';
import type { WireService } from '../../../shared/src/api/services.js';
import type { IssuedTicket } from '../../../shared/src/api/tickets.js';
import { api } from '../../../shared/src/http/api-client.js';
import type { Priority, PublicCenter } from '../../../shared/src/protocol.js';

export const fetchCenters = () => api<PublicCenter[]>('GET', '/api/centers');

export const fetchServices = (centerId: number) =>
  api<WireService[]>('GET', `/api/centers/${centerId}/services`);

export const fetchPublicConfig = () => api<PublicConfig>('GET', '/api/public-config');

/** Whether the center admits paired devices only, and whether this device is paired with it, as what. */
export const fetchDeviceStatus = (centerId: number) =>
  api<DeviceStatus>('GET', `/api/centers/${centerId}/device`);

export const issueKioskTicket = (centerId: number, serviceId: number, priority: Priority | null) =>
  api<IssuedTicket>('POST', `/api/centers/${centerId}/tickets`, { serviceId, priority, channel: 'kiosk' });
