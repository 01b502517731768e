/** Paired devices as the HTTP replies carry them (server/src/devices): pairing, the manager's list, codes. */

export const DEVICE_KINDS = ['board', 'kiosk', 'counter_display'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** A paired device: what POST /api/devices/pair answers with (beside its token). */
export interface PairedDevice {
  id: number;
  centerId: number;
  kind: DeviceKind;
  name: string;
  /** A counter display's counter (null for boards and kiosks). */
  counterId: number | null;
}

/** A device as the manager's list shows it, GET /api/centers/:id/devices (never its token or hash). */
export interface WireDevice extends PairedDevice {
  createdAt: string;
  createdBy: string | null;
  lastSeenAt: string | null;
}

/** POST /api/devices/pair: the device and its token (also set as a cookie). */
export interface PairedReply {
  device: PairedDevice;
  token: string;
}

/** A one-time pairing code, POST /api/centers/:id/pairing-codes: shown once, only its hash is kept. */
export interface IssuedCode {
  code: string;
  kind: DeviceKind;
  name: string;
  expiresAt: string;
}

/** GET /api/centers/:id/device: whether the center admits paired devices only, and whether this one is paired with it. */
export interface DeviceStatus {
  pairingRequired: boolean;
  paired: boolean;
  device: Pick<PairedDevice, 'id' | 'kind' | 'name' | 'counterId'> | null;
}
