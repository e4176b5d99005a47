// Request and response schemas of the instruments API (the OpenAPI document and the web's types).
import { z } from 'zod';
import { NameRef } from '../../http/names.ts';
import { pageOf, pageQuery } from '../../http/paging.ts';
import { zkey } from '../../i18n/validation.ts';
import { CATEGORIES } from './instruments.ts';

const Iso = z.iso.datetime({ offset: true });
const Jiao = z.number().int().min(0).max(100_000_000).multipleOf(10);

export const InstrumentBody = z.strictObject({
  orgId: z.uuid(),
  nameZh: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).default(''),
  category: z.enum(CATEGORIES),
  model: z.string().trim().max(200).default(''),
  maker: z.string().trim().max(200).default(''),
  /** Original value in fen; a large instrument is worth 500,000 yuan or more (LARGE_VALUE_FEN, checked with a clear message). */
  valueFen: z.number().int().min(0).max(1e15),
  regionCode: z.string().regex(/^[0-9]{6}$/),
  address: z.string().trim().max(500).default(''),
  capabilitiesZh: z.string().trim().max(5000).default(''),
  capabilitiesEn: z.string().trim().max(5000).default(''),
  managerId: z.uuid(),
  openness: z.enum(['internal', 'external']),
  /** Per hour, in fen, whole jiao (multiples of 10). */
  priceInternalFen: Jiao,
  priceExternalFen: Jiao,
  minSlotMinutes: z.number().int().min(6).max(1440).default(30),
  leadHours: z.number().int().min(0).max(2160).default(24),
  needsApproval: z.boolean().default(true),
});

export const SearchQuery = pageQuery(['name', 'value', 'price'])
  .extend({ order: z.enum(['asc', 'desc']).default('asc') })
  .extend({
    q: z.string().trim().max(200).optional(),
    category: z.enum(CATEGORIES).optional(),
    /** GB/T 2260 code; 330000 a province, 330100 a city, 330106 a county. */
    region: z
      .string()
      .regex(/^[0-9]{6}$/)
      .optional(),
    /** Only instruments free over [from, to). */
    from: Iso.optional(),
    to: Iso.optional(),
  });

export const InstrumentSummary = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  category: z.string(),
  model: z.string(),
  maker: z.string(),
  valueFen: z.number(),
  regionCode: z.string(),
  address: z.string(),
  capabilitiesZh: z.string(),
  capabilitiesEn: z.string(),
  org: NameRef,
  openness: z.string(),
  priceInternalFen: z.number(),
  priceExternalFen: z.number(),
  yourPriceFen: z.number(),
  minSlotMinutes: z.number(),
  leadHours: z.number(),
  needsApproval: z.boolean(),
  state: z.string(),
});
export const InstrumentPage = pageOf(InstrumentSummary);
const Window = z.object({ start: z.string(), end: z.string() });
export const InstrumentDetail = InstrumentSummary.extend({
  manager: NameRef,
  canManage: z.boolean(),
  /** An admin of its organisation: may change its entry. */
  canEdit: z.boolean(),
  canBook: z.boolean(),
  maintenance: z.array(Window.extend({ id: z.string(), reason: z.string() })),
  busy: z.array(Window),
});
export const ManagedInstrument = InstrumentSummary.extend({
  pending: z.number(),
  /** Requests to decide and finished slots to record, by server time. */
  waiting: z.array(
    z.object({ id: z.string(), state: z.string(), start: z.string(), end: z.string(), booker: NameRef }),
  ),
});

export const BookBody = z.strictObject({
  start: Iso,
  end: Iso,
  purpose: z.string().trim().min(1).max(2000),
  awardId: z.uuid().optional(),
  payerOrgId: z.uuid().optional(),
  taskBookId: z.uuid().optional(),
  milestoneNo: z.number().int().min(1).max(100).optional(),
});

export const ActBody = z.strictObject({ reason: z.string().trim().max(1000).default('') });

export const UseBody = z.strictObject({
  start: Iso,
  end: Iso,
  /** Effective machine hours, at most one decimal place ("2.5"). */
  machineHours: z.string().trim().max(8),
  samples: z.number().int().min(0).max(1_000_000).default(0),
});

export const RateBody = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).default(''),
});

export const BookingDetail = z.object({
  id: z.string(),
  instrument: z.object({
    id: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    model: z.string(),
    address: z.string(),
  }),
  instrumentOrg: NameRef,
  booker: NameRef,
  payer: NameRef,
  award: NameRef.nullable(),
  taskBookId: z.string().nullable(),
  milestoneNo: z.number().nullable(),
  start: z.string(),
  end: z.string(),
  purpose: z.string(),
  external: z.boolean(),
  priceFenPerHour: z.number(),
  state: z.string(),
  reason: z.string(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.enum(['approve', 'reject', 'cancel', 'record_use'])),
  canRate: z.boolean(),
  use: z
    .object({
      start: z.string(),
      end: z.string(),
      machineHours: z.string(),
      samples: z.number(),
      feeFen: z.number(),
      entrySeq: z.number().nullable(),
      entryKind: z.string().nullable(),
      postedAt: z.string().nullable(),
    })
    .nullable(),
  rating: z.object({ score: z.number(), comment: z.string(), ratedAt: z.string() }).nullable(),
});

export const MaintenanceParams = z.object({
  id: z.uuid({ message: zkey('validation.format.uuid') }),
  windowId: z.uuid({ message: zkey('validation.format.uuid') }),
});

export const MyBookingsQuery = pageQuery(['start']).extend({
  state: z.enum(['pending', 'confirmed', 'rejected', 'cancelled', 'completed']).optional(),
  /** Instead of mine: the bookings an award pays for (its team, its organizers). */
  awardId: z.uuid({ message: zkey('validation.format.uuid') }).optional(),
  /** Instead of mine: the bookings reserved for a task book's milestones. */
  taskBookId: z.uuid({ message: zkey('validation.format.uuid') }).optional(),
});
export const MyBookingPage = pageOf(
  z.object({
    id: z.string(),
    state: z.string(),
    instrument: NameRef,
    booker: NameRef,
    milestoneNo: z.number().nullable(),
    start: z.string(),
    end: z.string(),
    feeFen: z.number().nullable(),
    score: z.number().nullable(),
  }),
).extend({
  /** The fees of every booking listed (all pages), in fen. */
  feeFenTotal: z.number(),
  /** The award or task book listed, by its challenge's title; null for my own bookings. */
  scope: z.object({ kind: z.enum(['award', 'taskBook']), challenge: NameRef }).nullable(),
});

/** What I may pay a booking with: my organisations, and the active awards I work on (with their milestones). */
export const Payers = z.object({
  orgs: z.array(NameRef),
  awards: z.array(
    z.object({
      id: z.string(),
      challenge: NameRef,
      taskBookId: z.string(),
      milestones: z.array(z.object({ no: z.number(), title: z.string() })),
    }),
  ),
});

export const CalendarQuery = z.object({ from: Iso, to: Iso });
export const Calendar = z.object({
  bookings: z.array(
    z.object({
      id: z.string(),
      state: z.string(),
      start: z.string(),
      end: z.string(),
      purpose: z.string(),
      external: z.boolean(),
      booker: NameRef,
      payer: NameRef,
    }),
  ),
  maintenance: z.array(Window.extend({ id: z.string(), reason: z.string() })),
});

export const MaintenanceBody = z.strictObject({
  start: Iso,
  end: Iso,
  reason: z.string().trim().max(500).default(''),
});

const Figures = z.object({
  uses: z.number(),
  tenths: z.number(),
  externalTenths: z.number(),
  externalShareMille: z.number().nullable(),
  users: z.number(),
  externalUsers: z.number(),
  incomeFen: z.number(),
  ratings: z.number(),
  meanScoreCenti: z.number().nullable(),
});
export const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const Openness = z.object({
  year: z.number(),
  figures: Figures,
  byMonth: z.array(z.object({ month: z.number(), tenths: z.number(), externalTenths: z.number() })),
});
export const OpennessRow = Figures.extend({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  valueFen: z.number(),
});
export const OpennessExportQuery = YearQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });
