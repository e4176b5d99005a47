// Prices in notice at my organisation (促进科技成果转化法 Art. 18): the achievement's name, the
// intended price and the notice's end; any member may object while it runs.
import { App, Button, Card, Flex, Form, Input, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { DateText, MoneyText, OrgName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { useNotices, useObject } from '../api.ts';
import { NS } from '../i18n.ts';

export function NoticesPage() {
  const { t, i18n } = useTranslation(NS);
  const { message } = App.useApp();
  const { data, isLoading } = useNotices();
  const object = useObject();
  const [open, setOpen] = useState<string | null>(null);
  const send = async (dealId: string, text: string) => {
    try {
      await object.mutateAsync({ dealId, text });
      setOpen(null);
      message.success(t('saved'));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Page title={t('notices.title')} subtitle={t('notices.subtitle')}>
      <List
        loading={isLoading}
        dataSource={data ?? []}
        locale={{ emptyText: <EmptyState text={t('notices.empty')} /> }}
        renderItem={(n) => (
          <List.Item>
            <Card size="small" style={{ width: '100%' }}>
              <Flex vertical gap={4}>
                <Typography.Text strong>
                  {nameIn(i18n.language, n.achievement.zh, n.achievement.en)}
                </Typography.Text>
                <span>
                  <OrgName zh={n.seller.zh} en={n.seller.en} /> → <OrgName zh={n.buyer.zh} en={n.buyer.en} />
                </span>
                <Flex wrap gap="small" align="center">
                  {n.mode && <Tag>{t(`offer.${n.mode}`)}</Tag>}
                  {n.priceFen !== null && <MoneyText fen={n.priceFen} strong />}
                  <span>
                    {t('notices.until')} <DateText iso={n.endsAt} />
                  </span>
                </Flex>
                {n.objected ? (
                  <Tag color="warning">{t('notices.objected')}</Tag>
                ) : n.over ? null : open === n.dealId ? (
                  <Form layout="vertical" onFinish={(v: { text: string }) => send(n.dealId, v.text)}>
                    <Form.Item name="text" label={t('notices.text')} rules={[{ required: true }]}>
                      <Input.TextArea rows={2} />
                    </Form.Item>
                    <Button htmlType="submit" type="primary" loading={object.isPending}>
                      {t('notices.object')}
                    </Button>
                  </Form>
                ) : (
                  <Button onClick={() => setOpen(n.dealId)} style={{ alignSelf: 'flex-start' }}>
                    {t('notices.object')}
                  </Button>
                )}
              </Flex>
            </Card>
          </List.Item>
        )}
      />
    </Page>
  );
}
