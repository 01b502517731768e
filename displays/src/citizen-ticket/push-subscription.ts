/**
 * The browser side of Web Push: the service worker (registered when the page opens, so it is
 * ready when the citizen taps), permission, and a subscription made with the server's VAPID key.
 */
import { WEB_WORKERS } from '../../../shared/src/pages.js';

const worker = WEB_WORKERS[0]!;

export type PushAvailability = 'available' | 'unsupported' | 'denied';

export function pushAvailability(): PushAvailability {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    return 'unsupported';
  }
  return Notification.permission === 'denied' ? 'denied' : 'available';
}

/** Registers the worker that shows notifications with the page closed; null where there is none. */
export async function registerWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null;
  try {
    return await navigator.serviceWorker.register(worker.url, { scope: worker.scope });
  } catch {
    return null;
  }
}

export class PushRefused extends Error {
  constructor(readonly reason: 'denied' | 'unsupported' | 'failed') {
    super(reason);
  }
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

export interface SubscriptionBody {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Asks permission (from the citizen's tap) and subscribes this browser; the existing subscription is reused. */
export async function subscribeBrowser(publicKey: string): Promise<SubscriptionBody> {
  if (pushAvailability() === 'unsupported') throw new PushRefused('unsupported');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new PushRefused('denied');
  const registration = (await registerWorker()) ?? null;
  if (!registration) throw new PushRefused('unsupported');
  await navigator.serviceWorker.ready;
  try {
    const subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(publicKey),
      }));
    const json = subscription.toJSON();
    if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) throw new PushRefused('failed');
    return { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } };
  } catch (error) {
    throw error instanceof PushRefused ? error : new PushRefused('failed');
  }
}

/** This browser's subscription endpoint, if it has one. */
export async function currentEndpoint(): Promise<string | null> {
  if (!('serviceWorker' in navigator)) return null;
  const registration = await navigator.serviceWorker.getRegistration(worker.scope);
  return (await registration?.pushManager.getSubscription())?.endpoint ?? null;
}
