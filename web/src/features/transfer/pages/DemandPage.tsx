// One enterprise demand: the problem, budget and deadline, the listed achievements that fit it
// (which words and codes matched), and for the enterprise its match alert and closing.
import { App, Button, Card, Descriptions, Flex, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { DateText, MoneyText, OrgName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { nameIn } from '../../../lib/i18n.ts';
import {
  useAgencies,
  useDemand,
  useDemandAlert,
  useDemandClose,
  useDemandMatches,
  useDemandPromote,
} from '../api.ts';
import { MatchList, StateTag } from '../components/Parts.tsx';
import { NS } from '../i18n.ts';

/** The affinity from which a listed achievement fits a demand (the server refuses promotion then). */
const FIT_AFFINITY = 300;

export function DemandPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation(NS);
  const { message } = App.useApp();
  const { data: d, error } = useDemand(id);
  const matches = useDemandMatches(id, !!d);
  const alert = useDemandAlert(id);
  const close = useDemandClose(id);
  const promote = useDemandPromote(id);
  const agencies = useAgencies(!!d?.canPromote);
  const [agency, setAgency] = useState<string>();
  if (error) return <Page title={t('demand.newTitle')}>{errorText(error)}</Page>;
  if (!d) return null;
  const title = nameIn(i18n.language, d.title.zh, d.title.en);
  const run = (p: Promise<unknown>) => p.catch((e) => message.error(errorText(e)));
  const agencyId = agency ?? agencies.data?.[0]?.id;
  const fits = (matches.data ?? []).some((m) => m.score * 10 >= FIT_AFFINITY);
  return (
    <Page
      title={title}
      breadcrumb={[{ title: <Link to="/transfer?tab=demands">{t('menu.market')}</Link> }, { title }]}
      extra={
        d.canEdit &&
        d.state === 'open' && (
          <Space wrap>
            {d.alert ? (
              <Button onClick={() => run(alert.mutateAsync(false))}>
                {t('demand.alertOn')} · {t('demand.alertTurnOff')}
              </Button>
            ) : (
              <Button onClick={() => run(alert.mutateAsync(true))}>{t('demand.alertOff')}</Button>
            )}
            <ConfirmButton danger effect={t('demand.closeEffect')} onConfirm={() => run(close.mutateAsync())}>
              {t('demand.close')}
            </ConfirmButton>
          </Space>
        )
      }
    >
      <Flex vertical gap="middle">
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('demand.org')}>
              <OrgName zh={d.org.zh} en={d.org.en} />
            </Descriptions.Item>
            <Descriptions.Item label={t('market.colState')}>
              <StateTag scope="demandState" state={d.state} />
            </Descriptions.Item>
            <Descriptions.Item label={t('demand.budget')}>
              <MoneyText fen={d.budgetMinFen} /> – <MoneyText fen={d.budgetMaxFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('demand.deadline')}>
              <DateText iso={d.deadline} dateOnly />
            </Descriptions.Item>
            {d.promotedChallenge && (
              <Descriptions.Item label={t('demand.promotedTo')}>
                <Link to={`/challenges/${d.promotedChallenge.id}`}>
                  {nameIn(i18n.language, d.promotedChallenge.title.zh, d.promotedChallenge.title.en)}
                </Link>
              </Descriptions.Item>
            )}
            {d.keywords.length > 0 && (
              <Descriptions.Item label={t('demand.keywords')}>
                <span translate="no">{d.keywords.join('、')}</span>
              </Descriptions.Item>
            )}
            {d.disciplineCodes.length > 0 && (
              <Descriptions.Item label={t('demand.disciplineCodes')}>
                {d.disciplineCodes.join(', ')}
              </Descriptions.Item>
            )}
          </Descriptions>
          {(d.problem.zh || d.problem.en) && (
            <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>
              {nameIn(i18n.language, d.problem.zh, d.problem.en)}
            </Typography.Paragraph>
          )}
        </Card>
        <Card title={t('demand.matches')} size="small">
          <MatchList
            items={matches.data ?? []}
            hrefOf={(x) => `/transfer/achievements/${x}`}
            empty={t('demand.noMatches')}
          />
        </Card>
        {d.canPromote && matches.data && !fits && (
          <Card title={t('demand.promoteTitle')} size="small">
            <Flex vertical gap="small">
              <Typography.Text>{t('demand.promoteHelp')}</Typography.Text>
              <Flex wrap gap="small" align="center">
                <Select
                  aria-label={t('demand.agency')}
                  placeholder={t('demand.agency')}
                  style={{ minWidth: 220, maxWidth: '100%' }}
                  value={agencyId}
                  onChange={setAgency}
                  options={(agencies.data ?? []).map((o) => ({
                    value: o.id,
                    label: nameIn(i18n.language, o.nameZh, o.nameEn),
                  }))}
                />
                <ConfirmButton
                  type="primary"
                  disabled={!agencyId}
                  effect={t('demand.promoteEffect')}
                  onConfirm={() => run(promote.mutateAsync(agencyId ?? ''))}
                >
                  {t('demand.promote')}
                </ConfirmButton>
              </Flex>
            </Flex>
          </Card>
        )}
      </Flex>
    </Page>
  );
}
