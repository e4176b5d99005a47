// My challenges: the proposer's own listings and the organizer's vetting queue, in every state,
// filtered by state (the "my tasks" links open it on 'submitted' or 'notice').
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { client, ok } from '../../../api/client.ts';
import { OrgName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { hasRole, useSession } from '../../../session.tsx';
import { fetchMyChallenges, type MyChallengesFilter } from '../api.ts';
import { ChallengeTable } from '../components/ChallengeTable.tsx';
import { NS } from '../i18n.ts';

const STATES = [
  'draft',
  'submitted',
  'returned',
  'published',
  'evaluating',
  'notice',
  'awarded',
  'rejected',
  'cancelled',
] as const;
type State = (typeof STATES)[number];

export function MyChallengesPage() {
  const { t } = useTranslation(NS);
  const { session } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const organizer = hasRole(session, 'organizer');
  const stats = useQuery({
    queryKey: ['challenges', 'stats'],
    queryFn: () => ok(client.GET('/api/challenges/stats')),
    enabled: organizer,
  });
  const raw = params.get('state');
  const state = STATES.includes(raw as State) ? (raw as State) : undefined;
  const filter: MyChallengesFilter = state ? { state } : {};
  return (
    <Page
      title={t('mine.title')}
      subtitle={t('mine.subtitleProposer')}
      extra={
        hasRole(session, 'proposer') && (
          <Button type="primary" onClick={() => navigate('/challenges/new')}>
            {t('mine.newChallenge')}
          </Button>
        )
      }
    >
      {organizer && stats.data && (
        <Card size="small" title={t('mine.intake')} style={{ marginBottom: 12 }}>
          <Flex wrap gap="large">
            <Statistic title={t('mine.collected')} value={stats.data.collected} />
            <Statistic title={t('mine.vetted')} value={stats.data.vetted} />
            <Statistic title={t('mine.published')} value={stats.data.published} />
          </Flex>
        </Card>
      )}
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          value={state ?? ''}
          onChange={(v) => setParams(v ? { state: String(v) } : {})}
          options={[
            { value: '', label: t('list.anyState') },
            ...STATES.map((s) => ({ value: s, label: t(`challengeState.${s}`) })),
          ]}
        />
      </div>
      <ChallengeTable
        queryKey={['challenges', 'mine', filter]}
        fetchPage={fetchMyChallenges(filter)}
        label={t('mine.label')}
        empty={t('mine.empty')}
        extraColumn={{
          title: t('mine.colOrganiser'),
          render: (r) => <OrgName zh={r.organiser.nameZh} en={r.organiser.nameEn} />,
        }}
      />
    </Page>
  );
}
