/** TypeBox schemas of the configuration API (issue 5): every field checked at the edge. */
import { Type } from 'typebox';
import { Id, OptionalText, PersonName, STORABLE } from '../http/schemas.js';

/** Names people read on boards and staff pages: refused blank, invisible or with bidi controls. */
const Name = PersonName;
/** "HH:MM", 00:00–23:59, or 24:00 as the end of a day. */
const Clock = Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' });
export const Windows = Type.Union([
  Type.Array(Type.Object({ from: Clock, to: Clock }, { additionalProperties: false }), { maxItems: 12 }),
  Type.Null(),
]);

const serviceFields = {
  code: Type.String({ pattern: '^[A-Z]{1,3}$' }),
  name: Name(200),
  nameEn: Name(200),
  slaMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  active: Type.Boolean(),
  issuingHours: Windows,
  dailyQuota: Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()]),
  webQuotaPercent: Type.Integer({ minimum: 0, maximum: 100 }),
};

export const NewService = Type.Object(
  {
    code: serviceFields.code,
    name: serviceFields.name,
    nameEn: serviceFields.nameEn,
    slaMinutes: Type.Optional(serviceFields.slaMinutes),
    active: Type.Optional(serviceFields.active),
    issuingHours: Type.Optional(serviceFields.issuingHours),
    dailyQuota: Type.Optional(serviceFields.dailyQuota),
    webQuotaPercent: Type.Optional(serviceFields.webQuotaPercent),
  },
  { additionalProperties: false },
);

export const ServiceChanges = Type.Object(
  {
    code: Type.Optional(serviceFields.code),
    name: Type.Optional(serviceFields.name),
    nameEn: Type.Optional(serviceFields.nameEn),
    slaMinutes: Type.Optional(serviceFields.slaMinutes),
    active: Type.Optional(serviceFields.active),
    issuingHours: Type.Optional(serviceFields.issuingHours),
    dailyQuota: Type.Optional(serviceFields.dailyQuota),
    webQuotaPercent: Type.Optional(serviceFields.webQuotaPercent),
    /** When deactivating with people waiting: cancel their tickets … */
    waitingTickets: Type.Optional(Type.Literal('cancel')),
    /** … or move them to this service of the same center. */
    moveTo: Type.Optional(Id),
  },
  { additionalProperties: false },
);

const counterFields = {
  number: Type.Integer({ minimum: 1, maximum: 999 }),
  name: Name(100),
  serviceIds: Type.Array(Id, { maxItems: 50, uniqueItems: true }),
};
export const NewCounter = Type.Object(counterFields, { additionalProperties: false });
// Type.Partial drops additionalProperties: it must be given again, or a PATCH keeps any field.
export const CounterChanges = Type.Partial(Type.Object(counterFields), { additionalProperties: false });

const centerFields = {
  name: Name(200),
  /** Shown on staff pages and kept in the audit log: one line, as names are; '' clears it. */
  address: OptionalText(300),
  /** Public: printed on tickets and shown on the phone page; '' removes it. */
  hotline: OptionalText(40),
  /** Public: the board's notice line (news, closures); '' removes it. */
  boardNotice: OptionalText(200),
  timezone: Type.String({ minLength: 1, maxLength: 64, pattern: STORABLE }),
  openingHours: Windows,
  priorityEvery: Type.Integer({ minimum: 0, maximum: 100 }),
  ageingMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  /** Only paired boards, kiosks and counter displays (and staff) may follow the center. */
  requirePairedDevices: Type.Boolean(),
};
export const CenterChanges = Type.Partial(Type.Object(centerFields), { additionalProperties: false });
export const NewCenter = Type.Object(
  {
    name: centerFields.name,
    address: Type.Optional(centerFields.address),
    timezone: Type.Optional(centerFields.timezone),
  },
  { additionalProperties: false },
);

export const Role = Type.Enum(['clerk', 'manager', 'admin']);
/** Only its bounds here: the policy (12+ characters, not blank, not common, not the username) is
 * checked by auth/password-policy.ts, which can say which rule a password breaks. */
const Password = Type.String({ minLength: 1, maxLength: 200, pattern: STORABLE });
export const NewUser = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z0-9_.-]{3,40}$' }),
    displayName: Name(100),
    role: Role,
    centerIds: Type.Array(Id, { maxItems: 200, uniqueItems: true }),
    password: Password,
  },
  { additionalProperties: false },
);
export const UserChanges = Type.Object(
  {
    displayName: Type.Optional(Name(100)),
    role: Type.Optional(Role),
    centerIds: Type.Optional(Type.Array(Id, { maxItems: 200, uniqueItems: true })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const PasswordReset = Type.Object({ password: Password }, { additionalProperties: false });

export const ServiceParams = Type.Object({ serviceId: Id });
export const UserParams = Type.Object({ userId: Id });
