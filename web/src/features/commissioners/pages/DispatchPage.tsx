// The agency's desk: the optimal proposal for every open demand (expertise + nearness of place,
// within capacities), each pair explained; take the proposal or pick an alternative, then dispatch
// with the agreement's term and goals.
import { Card, DatePicker, Empty, Flex, Input, List, message, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { beijingToday } from '../../../lib/format.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { useSession } from '../../../session.tsx';
import { type Proposal, useDispatch, useProposal } from '../api.ts';
import { Explanation } from '../components/Explanation.tsx';
import { UrgencyTag } from '../components/StateTag.tsx';
import { NS } from '../i18n.ts';

type Row = Proposal['demands'][number];

export function DispatchPage() {
  const { t } = useTranslation(NS);
  const { session } = useSession();
  const agencies = (session?.roles ?? []).filter(
    (r) => (r.role === 'organizer' || r.role === 'admin') && r.orgKind === 'agency',
  );
  const unique = [...new Map(agencies.map((a) => [a.orgId, a])).values()];
  const [agencyId, setAgencyId] = useState<string | undefined>(unique[0]?.orgId);
  const proposal = useProposal(agencyId);
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>(() => {
    const today = dayjs(beijingToday());
    return [today, today.endOf('year')];
  });
  const [goals, setGoals] = useState('');
  return (
    <Page title={t('dispatch.title')} subtitle={t('dispatch.intro')}>
      <Flex wrap gap="small" style={{ marginBottom: 16 }}>
        {unique.length > 1 && (
          <Select
            aria-label={t('dispatch.agency')}
            value={agencyId}
            onChange={setAgencyId}
            options={unique.map((a) => ({ value: a.orgId, label: a.orgName }))}
            style={{ minWidth: 200 }}
          />
        )}
        <DatePicker.RangePicker
          aria-label={`${t('dispatch.termStart')} – ${t('dispatch.termEnd')}`}
          value={range}
          allowClear={false}
          inputReadOnly
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
        <Input
          aria-label={t('dispatch.goals')}
          placeholder={t('dispatch.goalsDefault')}
          value={goals}
          onChange={(e) => setGoals(e.target.value)}
          style={{ flex: '1 1 220px' }}
        />
      </Flex>
      {proposal.data && (
        <Typography.Paragraph type="secondary">
          {t('dispatch.objective', { objective: proposal.data.objective, millis: proposal.data.millis })}
        </Typography.Paragraph>
      )}
      {proposal.data && proposal.data.demands.length === 0 && <Empty description={t('dispatch.none')} />}
      <List
        loading={proposal.isLoading}
        dataSource={proposal.data?.demands ?? []}
        renderItem={(row) => (
          <ProposalRow
            key={row.demand.id}
            row={row}
            term={{ termStart: range[0].format('YYYY-MM-DD'), termEnd: range[1].format('YYYY-MM-DD') }}
            goals={goals.trim() || t('dispatch.goalsDefault')}
          />
        )}
      />
    </Page>
  );
}

function ProposalRow({
  row,
  term,
  goals,
}: {
  row: Row;
  term: { termStart: string; termEnd: string };
  goals: string;
}) {
  const { t, i18n } = useTranslation(NS);
  const dispatch = useDispatch();
  const options = [...(row.proposed ? [row.proposed] : []), ...row.alternatives];
  const [chosen, setChosen] = useState(row.proposed?.commissioner.id ?? options[0]?.commissioner.id);
  const pick = options.find((c) => c.commissioner.id === chosen);
  return (
    <List.Item style={{ display: 'block', padding: 0, border: 0 }}>
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={<Link to={`/commissioners/demands/${row.demand.id}`}>{row.demand.title}</Link>}
        extra={<UrgencyTag urgency={row.demand.urgency} />}
      >
        <Typography.Text type="secondary">
          {row.demand.region.name} · {row.demand.requester}
        </Typography.Text>
        {options.length === 0 ? (
          <div>{t('dispatch.noCandidate')}</div>
        ) : (
          <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
            <Select
              aria-label={t('dispatch.alternative')}
              value={chosen}
              onChange={setChosen}
              style={{ width: '100%' }}
              options={options.map((c) => ({
                value: c.commissioner.id,
                label: `${nameIn(i18n.language, c.commissioner.nameZh, c.commissioner.nameEn)} · ${c.score}${
                  c.commissioner.id === row.proposed?.commissioner.id ? ` · ${t('dispatch.proposed')}` : ''
                }`,
              }))}
            />
            {pick && <Explanation c={pick} />}
            <ConfirmButton
              type="primary"
              effect={t('dispatch.dispatchEffect')}
              disabled={!pick}
              onConfirm={async () => {
                try {
                  await dispatch.mutateAsync({
                    demandId: row.demand.id,
                    commissionerId: chosen!,
                    ...term,
                    goals,
                  });
                  message.success(t('dispatch.done'));
                } catch (e) {
                  message.error(errorText(e));
                }
              }}
            >
              {t('dispatch.dispatch')}
            </ConfirmButton>
          </Space>
        )}
      </Card>
    </List.Item>
  );
}
