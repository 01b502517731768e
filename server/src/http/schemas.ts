/** Schemas shared by several route modules. */
import { Type } from 'typebox';
import { CHANNELS, OUTCOMES, PRIORITIES } from '../../../shared/src/protocol.js';

/** Database ids are positive 32-bit integers; anything else is a 400, not a database error. */
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const Token = Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const Priority = Type.Union(PRIORITIES.map((p) => Type.Literal(p)));
export const Channel = Type.Union(CHANNELS.map((c) => Type.Literal(c)));
export const Outcome = Type.Union(OUTCOMES.map((o) => Type.Literal(o)));

export const CenterParams = Type.Object({ centerId: Id });
export const CounterParams = Type.Object({ counterId: Id });
export const TicketParams = Type.Object({ id: Id });
export const TokenParams = Type.Object({ token: Token });

/** A short human text: a reason, a note. */
export const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
