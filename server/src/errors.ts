/** Domain errors carry a stable code from the shared catalogue; one handler renders them. */
import { ERROR_STATUS, type ErrorCode } from '../../shared/src/errors.js';

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string, id: number | string): DomainError =>
  new DomainError('not_found', `${what} ${id} does not exist`, { [what]: id });

export const illegalTransition = (action: string, status: string): DomainError =>
  new DomainError('illegal_transition', `cannot ${action} a ticket that is ${status}`, {
    action,
    currentStatus: status,
  });
