/** Who is acting, and the one rule for which centers they may act in. */
import type { Role } from '../../../shared/src/api/users.js';
import { DomainError } from '../errors.js';

export type { Role };

export interface Actor {
  userId: number;
  username: string;
  role: Role;
  /** Centers the user is attached to; admins act in every center. */
  centerIds: number[];
}

export function mayActIn(actor: Actor, centerId: number): boolean {
  return actor.role === 'admin' || actor.centerIds.includes(centerId);
}

export function assertCenterAccess(actor: Actor, centerId: number): void {
  if (!mayActIn(actor, centerId)) {
    throw new DomainError('forbidden', `you may not act in center ${centerId}`, { centerId });
  }
}
