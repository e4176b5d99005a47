// Shapes of the funding API responses the pages read.
export interface FundSummary {
  id: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  fiscalYear: number;
  canManage: boolean;
  appropriatedFen: number;
  availableFen: number;
  committedFen: number;
  disbursedFen: number;
  spentFen: number;
  retainedFen: number;
  returnedFen: number;
}
export interface FundView extends FundSummary {
  byMonth: { month: string; committedFen: number; disbursedFen: number; spentFen: number }[];
  awards: {
    id: string;
    state: string;
    amountFen: number;
    challengeTitleZh: string;
    challengeTitleEn: string;
  }[];
}
export interface AwardSummary {
  id: string;
  state: string;
  amountFen: number;
  challengeTitleZh: string;
  challengeTitleEn: string;
  team: boolean;
  organizer: boolean;
}
export interface Tranche {
  no: number;
  label: string;
  amountFen: number;
  condition: 'signing' | 'milestone' | 'gate';
  milestoneNo: number | null;
  state: 'planned' | 'released';
  releasedAt: string | null;
  ready: boolean;
  blockedBy: string | null;
  canRelease: boolean;
}
export interface Performance {
  grade: string;
  outcome: string;
  targetsMet: number;
  targetsTotal: number;
  amountFen: number;
  releasedFen: number;
  spentFen: number;
  returnedFen: number;
  retainedFen: number;
  integrityClean: boolean;
  reasons: string[];
  recordedAt: string;
}
export interface AwardView {
  id: string;
  state: string;
  challengeId: string;
  challengeTitleZh: string;
  challengeTitleEn: string;
  taskBookId: string;
  taskBookState: string;
  fundId: string;
  amountFen: number;
  cofundFen: number;
  reportEveryMonths: number;
  committedFen: number;
  disbursedFen: number;
  retainedFen: number;
  releasedFen: number;
  spentFen: number;
  spentByCategory: Record<string, number>;
  rules: {
    budgetMode: string;
    indirectCapPct: number;
    surplus: 'return' | 'retain_if_accepted';
    negativeList: { code: string; labelZh: string; labelEn: string }[];
  };
  tranches: Tranche[];
  expenses: {
    id: string;
    period: string;
    category: string;
    kind: string;
    description: string;
    amountFen: number;
    submittedAt: string;
  }[];
  performance: Performance | null;
  trustRule: { textZh: string; textEn: string };
  you: { organizer: boolean; team: boolean; canClose: boolean };
}
type Named = { id: string; nameZh: string; nameEn: string } | null;
export interface LedgerEntry {
  seq: number;
  entryId: string;
  postedAt: string;
  kind: 'appropriation' | 'commitment' | 'release' | 'expense' | 'refund' | 'closing' | 'reversal';
  amountFen: number;
  postedBy: Named;
  fund: Named;
  award: { id: string; challenge: Named; host: Named } | null;
  trancheOrdinal: number | null;
  expense: { period: string; categories: string[]; lines: number } | null;
  reverses: { seq: number; kind: string } | null;
}
