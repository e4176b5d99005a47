// Pieces shared by the challenge, bid and task-book pages.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPARATOR_SYMBOL } from './format.ts';
import type { Milestone, Target } from './types.ts';

/** The targets of a challenge or a task book: metric, requirement, verification, who verifies. */
export function TargetsTable({ targets, caption }: { targets: Target[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <table>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('challenges.metric')}</th>
          <th scope="col">{t('challenges.comparator')}</th>
          <th scope="col">{t('challenges.threshold')}</th>
          <th scope="col">{t('challenges.unit')}</th>
          <th scope="col">{t('challenges.verification')}</th>
          <th scope="col">{t('challenges.verifier')}</th>
          <th scope="col">{t('challenges.mandatory')}</th>
        </tr>
      </thead>
      <tbody>
        {targets.map((x) => (
          <tr key={x.id}>
            <th scope="row">{x.metric}</th>
            <td title={t(`challenges.comparators.${x.comparator}`)}>{COMPARATOR_SYMBOL[x.comparator]}</td>
            <td className="num">
              {x.comparator === 'range' ? `${x.threshold} – ${x.thresholdHigh ?? x.threshold}` : x.threshold}
            </td>
            <td>{x.unit}</td>
            <td>{x.verification}</td>
            <td>
              {t(`challenges.verifiers.${x.verifier}`)}
              {x.verifierName ? `: ${x.verifierName}` : ''}
            </td>
            <td>{x.mandatory ? t('challenges.yes') : t('challenges.no')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StateBadge({ scope, state }: { scope: 'challenges' | 'bids' | 'taskBook'; state: string }) {
  const { t } = useTranslation();
  return <span className={`badge state-${state}`}>{t(`${scope}.states.${state}`)}</span>;
}

/** Label–value pairs shown side by side, each pair kept together when the row wraps. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A bid's or task book's milestones, each with the target values it promises. */
export function MilestonesTable({
  milestones,
  targets,
  targetsHeader,
}: {
  milestones: Milestone[];
  targets: Target[];
  targetsHeader: string;
}) {
  const { t } = useTranslation();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('bids.milestoneTitle')}</th>
          <th scope="col">{t('bids.due')}</th>
          <th scope="col">{t('bids.deliverables')}</th>
          <th scope="col">{targetsHeader}</th>
        </tr>
      </thead>
      <tbody>
        {milestones.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: milestones are an ordered list without ids
          <tr key={i}>
            <td>{i + 1}</td>
            <th scope="row">{m.title}</th>
            <td>{m.due}</td>
            <td>{m.deliverables}</td>
            <td>
              {targets
                .filter((x) => m.targetValues[x.id] !== undefined)
                .map((x) => `${x.metric}: ${m.targetValues[x.id]} ${x.unit}`)
                .join('; ') || '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
