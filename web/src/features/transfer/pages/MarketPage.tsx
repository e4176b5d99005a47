// The technology market: listed achievements and open enterprise demands, searched in Chinese or
// English, one tab each; members list achievements, enterprises post demands.
import { Button, Checkbox, Flex, Input, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DateText, MoneyText, OrgName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { ServerTable } from '../../../components/ServerTable.tsx';
import { nameIn } from '../../../lib/i18n.ts';
import { hasRole, useSession } from '../../../session.tsx';
import { type AchievementRow, type DemandRow, fetchAchievements, fetchDemands } from '../api.ts';
import { StateTag } from '../components/Parts.tsx';
import { NS } from '../i18n.ts';

export function MarketPage() {
  const { t, i18n } = useTranslation(NS);
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'demands' ? 'demands' : 'achievements';
  const q = params.get('q') ?? '';
  const mine = params.get('mine') === 'true';
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  const filter = { ...(q ? { q } : {}), ...(mine ? { mine } : {}) };
  const signedIn = !!session?.person;
  const price = (fen: number | null) => (fen === null ? t('market.negotiable') : <MoneyText fen={fen} />);
  const achTitle = (r: AchievementRow) => (
    <Link to={`/transfer/achievements/${r.id}`}>{nameIn(i18n.language, r.title.zh, r.title.en)}</Link>
  );
  const demandTitle = (r: DemandRow) => (
    <Link to={`/transfer/demands/${r.id}`}>{nameIn(i18n.language, r.title.zh, r.title.en)}</Link>
  );
  const toolbar = (
    <Flex wrap gap="small" align="center">
      <Input.Search
        allowClear
        defaultValue={q}
        aria-label={t('market.search')}
        placeholder={t('market.search')}
        onSearch={(v) => set('q', v.trim() || null)}
        style={{ width: 260, maxWidth: '100%' }}
      />
      {signedIn && (
        <Checkbox checked={mine} onChange={(e) => set('mine', e.target.checked ? 'true' : null)}>
          {t('market.mine')}
        </Checkbox>
      )}
    </Flex>
  );
  return (
    <Page
      title={t('market.title')}
      subtitle={t('market.subtitle')}
      extra={
        <>
          {signedIn && !!session?.roles.length && (
            <Link to="/transfer/achievements/new">
              <Button>{t('market.listNew')}</Button>
            </Link>
          )}
          {hasRole(session, 'proposer', 'admin') && (
            <Link to="/transfer/demands/new">
              <Button type="primary">{t('market.postNew')}</Button>
            </Link>
          )}
        </>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k === 'demands' ? 'demands' : null)}
        items={[
          {
            key: 'achievements',
            label: t('market.achievements'),
            children: (
              <ServerTable<AchievementRow>
                queryKey={['transfer', 'achievements', filter]}
                fetchPage={fetchAchievements(filter)}
                rowKey="id"
                label={t('market.achievements')}
                empty={t('market.emptyA')}
                toolbar={toolbar}
                columns={[
                  { title: t('market.colTitle'), key: 'title', render: (_, r) => achTitle(r) },
                  {
                    title: t('market.colOrg'),
                    key: 'org',
                    render: (_, r) => <OrgName zh={r.org.zh} en={r.org.en} />,
                  },
                  { title: t('market.colKind'), key: 'kind', render: (_, r) => t(`kind.${r.kind}`) },
                  {
                    title: t('market.colOffers'),
                    key: 'offers',
                    render: (_, r) => r.offers.map((o) => <Tag key={o}>{t(`offer.${o}`)}</Tag>),
                  },
                  {
                    title: t('market.colPrice'),
                    key: 'price',
                    align: 'right',
                    render: (_, r) => price(r.askingPriceFen),
                  },
                  ...(mine
                    ? [
                        {
                          title: t('market.colState'),
                          key: 'state',
                          render: (_: unknown, r: AchievementRow) => (
                            <StateTag scope="achState" state={r.state} />
                          ),
                        },
                      ]
                    : []),
                ]}
                card={(r) => (
                  <Flex vertical gap={4}>
                    <Typography.Text strong>{achTitle(r)}</Typography.Text>
                    <OrgName zh={r.org.zh} en={r.org.en} />
                    <Flex wrap gap={4}>
                      <Tag color="blue">{t(`kind.${r.kind}`)}</Tag>
                      {r.offers.map((o) => (
                        <Tag key={o}>{t(`offer.${o}`)}</Tag>
                      ))}
                    </Flex>
                    <span>{price(r.askingPriceFen)}</span>
                  </Flex>
                )}
              />
            ),
          },
          {
            key: 'demands',
            label: t('market.demands'),
            children: (
              <ServerTable<DemandRow>
                queryKey={['transfer', 'demands', filter]}
                fetchPage={fetchDemands(filter)}
                rowKey="id"
                label={t('market.demands')}
                empty={t('market.emptyD')}
                toolbar={toolbar}
                columns={[
                  { title: t('market.colTitle'), key: 'title', render: (_, r) => demandTitle(r) },
                  {
                    title: t('market.colOrg'),
                    key: 'org',
                    render: (_, r) => <OrgName zh={r.org.zh} en={r.org.en} />,
                  },
                  {
                    title: t('market.colBudget'),
                    key: 'budget',
                    align: 'right',
                    render: (_, r) => (
                      <span>
                        <MoneyText fen={r.budgetMinFen} /> – <MoneyText fen={r.budgetMaxFen} />
                      </span>
                    ),
                  },
                  {
                    title: t('market.colDeadline'),
                    key: 'deadline',
                    render: (_, r) => <DateText iso={r.deadline} dateOnly />,
                  },
                  {
                    title: t('market.colState'),
                    key: 'state',
                    render: (_, r) => <StateTag scope="demandState" state={r.state} />,
                  },
                ]}
                card={(r) => (
                  <Flex vertical gap={4}>
                    <Typography.Text strong>{demandTitle(r)}</Typography.Text>
                    <OrgName zh={r.org.zh} en={r.org.en} />
                    <span>
                      <MoneyText fen={r.budgetMinFen} /> – <MoneyText fen={r.budgetMaxFen} />
                    </span>
                    <DateText iso={r.deadline} dateOnly />
                  </Flex>
                )}
              />
            ),
          },
        ]}
      />
    </Page>
  );
}
