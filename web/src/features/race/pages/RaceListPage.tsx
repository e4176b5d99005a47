// Horse races (赛马): every race, paged on the server and filtered by state; organizers declare a
// new race from here.
import { Button, Card, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { MoneyText } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { ServerTable } from '../../../components/ServerTable.tsx';
import { nameIn } from '../../../lib/i18n.ts';
import { hasRole, useSession } from '../../../session.tsx';
import { fetchRaces, RACE_STATES, type RaceState } from '../api.ts';
import { NS } from '../i18n.ts';

type Row = Awaited<ReturnType<typeof fetchRaces>>['items'][number];

const stateColor: Record<RaceState, string> = {
  setup: 'default',
  running: 'processing',
  finished: 'success',
  ended_early: 'warning',
};

export function RaceListPage() {
  const { t, i18n } = useTranslation(NS);
  const { session } = useSession();
  const navigate = useNavigate();
  const [state, setState] = useState<RaceState | undefined>();
  const title = (r: Row) => <Link to={`/races/${r.id}`}>{nameIn(i18n.language, r.titleZh, r.titleEn)}</Link>;
  const tag = (r: Row) => <Tag color={stateColor[r.state]}>{t(`states.${r.state}`)}</Tag>;
  return (
    <Page
      title={t('list.title')}
      subtitle={t('list.intro')}
      extra={
        hasRole(session, 'organizer') && (
          <Button type="primary" onClick={() => navigate('/races/new')}>
            {t('list.new')}
          </Button>
        )
      }
    >
      <ServerTable<Row>
        label={t('list.title')}
        queryKey={['races', state]}
        fetchPage={(q) => fetchRaces(q, state)}
        rowKey="id"
        empty={t('list.none')}
        toolbar={
          <Select<RaceState>
            allowClear
            aria-label={t('list.state')}
            placeholder={t('list.state')}
            value={state}
            onChange={setState}
            style={{ minWidth: 140 }}
            options={RACE_STATES.map((s) => ({ value: s, label: t(`states.${s}`) }))}
          />
        }
        columns={[
          { title: t('list.challenge'), key: 'title', render: (_, r) => title(r) },
          { title: t('list.state'), key: 'state', render: (_, r) => tag(r) },
          {
            title: t('list.teams'),
            key: 'teams',
            align: 'right',
            render: (_, r) => `${r.activeTeams} / ${r.teams}`,
          },
          {
            title: t('list.award'),
            key: 'award',
            sorter: true,
            align: 'right',
            render: (_, r) => <MoneyText fen={r.awardFen} />,
          },
        ]}
        card={(r) => (
          <Card size="small" title={title(r)} extra={tag(r)}>
            <div>
              {t('list.teams')}: {r.activeTeams} / {r.teams}
            </div>
            <div>
              {t('list.award')}: <MoneyText fen={r.awardFen} />
            </div>
          </Card>
        )}
      />
    </Page>
  );
}
