// My bids: those I lead or am a member of, with the challenge, my role, the host and the state.
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateText, MoneyText, OrgName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { ServerTable } from '../../../components/ServerTable.tsx';
import { nameIn } from '../../../lib/i18n.ts';
import { fetchMyBids, type MyBidRow } from '../api.ts';
import { StateTag } from '../components/StateTag.tsx';
import { NS } from '../i18n.ts';

export function MyBidsPage() {
  const { t, i18n } = useTranslation(NS);
  const title = (r: MyBidRow) => (
    <Link to={`/bids/${r.id}`}>{nameIn(i18n.language, r.challenge.nameZh, r.challenge.nameEn)}</Link>
  );
  const role = (r: MyBidRow) => (r.isCommander ? t('bids.commander') : t('bids.member'));
  return (
    <Page title={t('bids.title')} subtitle={t('bids.subtitle')}>
      <ServerTable<MyBidRow>
        queryKey={['bids', 'mine']}
        fetchPage={fetchMyBids}
        rowKey="id"
        label={t('bids.label')}
        empty={
          <>
            {t('bids.empty')} <Link to="/challenges">{t('menu.list')}</Link>
          </>
        }
        columns={[
          { title: t('bids.colChallenge'), key: 'challenge', render: (_, r) => title(r) },
          { title: t('bids.colRole'), key: 'role', render: (_, r) => role(r) },
          {
            title: t('bids.colHost'),
            key: 'host',
            render: (_, r) => <OrgName zh={r.hostOrg.nameZh} en={r.hostOrg.nameEn} />,
          },
          {
            title: t('bids.colBudget'),
            key: 'budget',
            align: 'right',
            render: (_, r) => <MoneyText fen={r.budgetFen} />,
          },
          {
            title: t('bids.colDeadline'),
            key: 'deadline',
            sorter: true,
            render: (_, r) => <DateText iso={r.deadline} />,
          },
          {
            title: t('bids.colState'),
            key: 'state',
            render: (_, r) => <StateTag scope="bidState" state={r.state} />,
          },
        ]}
        card={(r) => (
          <Flex vertical gap={4}>
            <Typography.Text strong>{title(r)}</Typography.Text>
            <Flex wrap gap="small" align="center">
              <StateTag scope="bidState" state={r.state} />
              <span>{role(r)}</span>
            </Flex>
            <OrgName zh={r.hostOrg.nameZh} en={r.hostOrg.nameEn} />
            <Typography.Text type="secondary">
              {t('bids.colDeadline')}: <DateText iso={r.deadline} />
            </Typography.Text>
          </Flex>
        )}
      />
    </Page>
  );
}
