// Review rounds (the Evaluation menu's entry): the rounds of the challenges I organise, paged,
// searched by title and filtered by state, each leading to its assignment, settings and round desk.
import { Button, Card, Flex, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DateText } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { ServerTable } from '../../../components/ServerTable.tsx';
import { nameIn } from '../../../lib/i18n.ts';
import { fetchRounds, ROUND_STATES, type RoundState } from '../api.ts';
import { NS } from '../i18n.ts';

type Row = Awaited<ReturnType<typeof fetchRounds>>['items'][number];

const stateColor: Record<RoundState, string> = {
  draft: 'default',
  assigning: 'processing',
  reviewing: 'processing',
  consensus: 'purple',
  ranked: 'success',
  closed: 'default',
};

export function RoundListPage() {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [state, setState] = useState<RoundState | undefined>();
  const links = (r: Row) => (
    <Space wrap size="small">
      <Link to={`/evaluation/rounds/${r.id}/assignment`}>{t('rounds.assignment')}</Link>
      {(r.state === 'draft' || r.state === 'assigning') && (
        <Link to={`/evaluation/rounds/${r.id}/edit`}>{t('rounds.edit')}</Link>
      )}
      {r.state !== 'draft' && r.state !== 'assigning' && (
        <Link to={`/review-rounds/${r.id}/ranking`}>{t('rounds.desk')}</Link>
      )}
    </Space>
  );
  /** The round's title leads to where its work is now: the assignment while setting up, else the desk. */
  const title = (r: Row) => (
    <Link
      to={
        r.state === 'draft' || r.state === 'assigning'
          ? `/evaluation/rounds/${r.id}/assignment`
          : `/review-rounds/${r.id}/ranking`
      }
    >
      {nameIn(lang, r.titleZh, r.titleEn)}
    </Link>
  );
  const tag = (r: Row) => <Tag color={stateColor[r.state]}>{t(`roundStates.${r.state}`)}</Tag>;
  return (
    <Page
      title={t('rounds.title')}
      extra={
        <Flex wrap gap="small">
          <Button onClick={() => navigate('/evaluation/experts')}>{t('menu.experts')}</Button>
          <Button type="primary" onClick={() => navigate('/evaluation/rounds/new')}>
            {t('rounds.new')}
          </Button>
        </Flex>
      }
    >
      <ServerTable<Row>
        label={t('rounds.title')}
        queryKey={['review-rounds', search, state]}
        fetchPage={(q) => fetchRounds(q, { search, state })}
        rowKey="id"
        empty={t('rounds.none')}
        toolbar={
          <>
            <Input.Search
              allowClear
              aria-label={t('rounds.search')}
              placeholder={t('rounds.search')}
              onSearch={(v) => setSearch(v.trim())}
              style={{ width: 260, maxWidth: '100%' }}
            />
            <Select<RoundState>
              allowClear
              aria-label={t('fields.state')}
              placeholder={t('fields.state')}
              value={state}
              onChange={setState}
              style={{ minWidth: 140 }}
              options={ROUND_STATES.map((s) => ({ value: s, label: t(`roundStates.${s}`) }))}
            />
          </>
        }
        columns={[
          { title: t('fields.round'), key: 'title', render: (_, r) => title(r) },
          {
            title: t('fields.challenge'),
            key: 'challenge',
            render: (_, r) => nameIn(lang, r.challengeTitleZh, r.challengeTitleEn),
          },
          { title: t('fields.state'), key: 'state', render: (_, r) => tag(r) },
          {
            title: t('fields.due'),
            key: 'dueAt',
            sorter: true,
            render: (_, r) => <DateText iso={r.dueAt} />,
          },
          { title: t('rounds.actions'), key: 'links', render: (_, r) => links(r) },
        ]}
        card={(r) => (
          <Card size="small" title={title(r)} extra={tag(r)}>
            <div>{nameIn(lang, r.challengeTitleZh, r.challengeTitleEn)}</div>
            <DateText iso={r.dueAt} />
            <div>{links(r)}</div>
          </Card>
        )}
      />
    </Page>
  );
}
