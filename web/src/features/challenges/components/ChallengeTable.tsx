// The challenges table shared by the public list and "my challenges": title (link), proposer,
// budget ceiling, deadline and state; a card per challenge on phones.
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateText, MoneyText, OrgName } from '../../../components/Names.tsx';
import { type PageOf, type PageRequest, ServerTable } from '../../../components/ServerTable.tsx';
import { nameIn } from '../../../lib/i18n.ts';
import type { ChallengeRow } from '../api.ts';
import { NS } from '../i18n.ts';
import { StateTag } from './StateTag.tsx';

export function ChallengeTable({
  queryKey,
  fetchPage,
  label,
  empty,
  extraColumn,
}: {
  queryKey: readonly unknown[];
  fetchPage: (q: PageRequest) => Promise<PageOf<ChallengeRow>>;
  label: string;
  empty: string;
  /** e.g. the vetting agency, on "my challenges". */
  extraColumn?: { title: string; render: (r: ChallengeRow) => ReactNode };
}) {
  const { t, i18n } = useTranslation(NS);
  const title = (r: ChallengeRow) => (
    <Link to={`/challenges/${r.id}`}>{nameIn(i18n.language, r.titleZh, r.titleEn)}</Link>
  );
  return (
    <ServerTable<ChallengeRow>
      queryKey={queryKey}
      fetchPage={fetchPage}
      rowKey="id"
      label={label}
      empty={empty}
      columns={[
        { title: t('list.colTitle'), key: 'title', sorter: true, render: (_, r) => title(r) },
        {
          title: t('list.colOrg'),
          key: 'org',
          render: (_, r) => <OrgName zh={r.org.nameZh} en={r.org.nameEn} />,
        },
        ...(extraColumn
          ? [
              {
                title: extraColumn.title,
                key: 'extra',
                render: (_: unknown, r: ChallengeRow) => extraColumn.render(r),
              },
            ]
          : []),
        {
          title: t('list.colBudget'),
          key: 'budget',
          sorter: true,
          align: 'right' as const,
          render: (_, r) => <MoneyText fen={r.budgetCeilingFen} />,
        },
        {
          title: t('list.colDeadline'),
          key: 'deadline',
          sorter: true,
          render: (_, r) => <DateText iso={r.deadline} />,
        },
        {
          title: t('list.colState'),
          key: 'state',
          render: (_, r) => <StateTag scope="challengeState" state={r.state} />,
        },
      ]}
      card={(r) => (
        <Flex vertical gap={4}>
          <Typography.Text strong>{title(r)}</Typography.Text>
          <OrgName zh={r.org.nameZh} en={r.org.nameEn} />
          <Flex wrap gap="small" align="center">
            <StateTag scope="challengeState" state={r.state} />
            <MoneyText fen={r.budgetCeilingFen} />
          </Flex>
          <Typography.Text type="secondary">
            {t('list.colDeadline')}: <DateText iso={r.deadline} />
          </Typography.Text>
        </Flex>
      )}
    />
  );
}
