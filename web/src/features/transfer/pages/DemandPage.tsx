// One enterprise demand: the problem, budget and deadline, the listed achievements that fit it
// (which words and codes matched), and for the enterprise its match alert and closing.
import { App, Button, Card, Descriptions, Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { DateText, MoneyText, OrgName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { useDemand, useDemandAlert, useDemandClose, useDemandMatches } from '../api.ts';
import { MatchList, StateTag } from '../components/Parts.tsx';
import { NS } from '../i18n.ts';

export function DemandPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation(NS);
  const { message } = App.useApp();
  const { data: d, error } = useDemand(id);
  const matches = useDemandMatches(id, !!d);
  const alert = useDemandAlert(id);
  const close = useDemandClose(id);
  if (error) return <Page title={t('demand.newTitle')}>{errorText(error)}</Page>;
  if (!d) return null;
  const title = nameIn(i18n.language, d.title.zh, d.title.en);
  const run = (p: Promise<unknown>) => p.catch((e) => message.error(errorText(e)));
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
      </Flex>
    </Page>
  );
}
