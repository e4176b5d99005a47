// Achievement transformation: the kinds, offers and contract types, and the deal's workflow as
// data (core/workflow). Pure.
import type { Machine } from '../../core/workflow/machine.ts';
import { t } from '../../i18n/messages.ts';

export const ACHIEVEMENT_KINDS = [
  'patent',
  'softwareCopyright',
  'plantVariety',
  'icLayout',
  'knowHow',
] as const;
export type AchievementKind = (typeof ACHIEVEMENT_KINDS)[number];
export const OFFERS = [
  'transfer',
  'exclusiveLicence',
  'soleLicence',
  'nonExclusiveLicence',
  'equity',
  'jointDevelopment',
] as const;
export type Offer = (typeof OFFERS)[number];
export const PRICINGS = ['agreement', 'market', 'auction'] as const;
export type Pricing = (typeof PRICINGS)[number];
export const CONTRACT_TYPES = ['development', 'transfer', 'licence', 'consulting', 'service'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const DEAL_STATES = [
  'negotiating',
  'proposed',
  'notice',
  'signing',
  'signed',
  'registered',
  'cancelled',
] as const;
export type DealState = (typeof DEAL_STATES)[number];
export type DealAction = 'propose' | 'accept' | 'uphold' | 'sign' | 'register' | 'cancel';
export type Side = 'seller' | 'buyer';

export interface DealGuard {
  /** The side acting (for accept: must differ from the side that proposed). */
  side: Side | null;
  proposedSide: Side | null;
  noticeEndsAt: Date | null;
  openObjections: number;
  now: Date;
}

/**
 * negotiating ⇄ proposed (either side proposes terms; the other accepts) → notice (a price by
 * agreement is published in the owner organisation for its notice period; an upheld objection sends
 * the deal back to negotiating) or signing (a market or auction price) → signed (both sides) →
 * registered (技术合同认定登记, by the seller's transfer office). Either side may cancel before signing.
 */
export const DEAL_MACHINE: Machine<DealState, DealAction, DealGuard> = {
  name: 'deal',
  label: { zh: '成果转化交易', en: 'deal' },
  states: DEAL_STATES,
  initial: 'negotiating',
  transitions: [
    { action: 'propose', from: ['negotiating', 'proposed'], to: 'proposed', who: ['seller', 'buyer'] },
    {
      action: 'accept',
      from: ['proposed'],
      to: 'notice',
      who: ['seller', 'buyer'],
      guard: (g) => (g.side === g.proposedSide ? t('transfer.acceptOwnTerms') : null),
    },
    { action: 'uphold', from: ['notice'], to: 'negotiating', who: ['office'] },
    {
      action: 'sign',
      from: ['notice', 'signing'],
      to: 'signing',
      who: ['seller', 'buyer'],
      guard: (g) =>
        g.noticeEndsAt && g.now < g.noticeEndsAt
          ? t('transfer.noticeRunning', { until: g.noticeEndsAt.toISOString() })
          : g.openObjections > 0
            ? t('transfer.objectionsOpen', { count: g.openObjections })
            : null,
    },
    { action: 'register', from: ['signed'], to: 'registered', who: ['office'] },
    {
      action: 'cancel',
      from: ['negotiating', 'proposed', 'notice', 'signing'],
      to: 'cancelled',
      who: ['seller', 'buyer'],
    },
  ],
};

/** The contract type a deal's mode is registered under by default. */
export function contractTypeOf(mode: Offer): ContractType {
  switch (mode) {
    case 'transfer':
    case 'equity':
      return 'transfer';
    case 'exclusiveLicence':
    case 'soleLicence':
    case 'nonExclusiveLicence':
      return 'licence';
    case 'jointDevelopment':
      return 'development';
  }
}

/** The reward basis (促进科技成果转化法 Art. 45) of a deal's mode. */
export function rewardBasisOf(mode: Offer): 'transferOrLicence' | 'equity' | 'implementation' {
  return mode === 'equity' ? 'equity' : mode === 'jointDevelopment' ? 'implementation' : 'transferOrLicence';
}

/** The year in Beijing time (UTC+8) of an instant: the tax year a registered contract belongs to. */
export function beijingYear(d: Date): number {
  return new Date(d.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/** The registration number: year, region (6 digits, 000000 when unknown), serial (6 digits). */
export function registrationNumber(year: number, region: string | null, serial: number): string {
  const r = region && /^\d{6}$/.test(region) ? region : '000000';
  return `${year}${r}${String(serial).padStart(6, '0')}`;
}
