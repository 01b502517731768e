/** The machine's first external IPv4 address, or null: what a phone on the hall's network can reach. */
import { networkInterfaces } from 'node:os';

export function lanAddress(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}
