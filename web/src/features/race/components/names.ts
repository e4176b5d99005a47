// A team's name as people read it: its commander and host organisation, in the reader's language.
import { nameIn } from '../../../lib/i18n.ts';
import type { Team } from '../api.ts';

export const teamName = (
  team: Pick<Team, 'commanderZh' | 'commanderEn' | 'hostZh' | 'hostEn'>,
  lang: string,
) => `${nameIn(lang, team.commanderZh, team.commanderEn)} · ${nameIn(lang, team.hostZh, team.hostEn)}`;

/** The name of the team with this id on the board (an unknown id reads as a dash, never as the id). */
export const teamNamer = (teams: Team[], lang: string) => (id: string) => {
  const team = teams.find((x) => x.id === id);
  return team ? teamName(team, lang) : '—';
};

const SYMBOL: Record<string, string> = { gte: '≥', lte: '≤', eq: '=', range: '∈' };

/** A target's requirement: '≤ 15 ppm', '∈ [1, 2] mm'. */
export function requirement(x: {
  comparator: string;
  threshold: string;
  thresholdHigh: string | null;
  unit: string;
}) {
  const v = x.comparator === 'range' ? `[${x.threshold}, ${x.thresholdHigh ?? x.threshold}]` : x.threshold;
  return `${SYMBOL[x.comparator] ?? x.comparator} ${v}${x.unit ? ` ${x.unit}` : ''}`;
}

/** A card's title as a heading of the page's outline, in the card title's size. */
export const HEADING = { fontSize: 'inherit', margin: 0 } as const;
