// Notification preferences: per kind, e-mail on/off and at once or in a daily digest; required
// deadline notices stay on.
import { App, Button, Segmented, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../../components/Page.tsx';
import { PlainTable } from '../../../components/PlainTable.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { usePreferences, useSavePreferences } from '../api.ts';
import { NS } from '../i18n.ts';

type Pref = NonNullable<ReturnType<typeof usePreferences>['data']>[number];

export function Preferences() {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const prefs = usePreferences();
  const save = useSavePreferences();
  const [rows, setRows] = useState<Pref[]>([]);
  useEffect(() => {
    if (prefs.data) setRows(prefs.data);
  }, [prefs.data]);
  const set = (kind: string, change: Partial<Pref>) =>
    setRows((rs) => rs.map((r) => (r.kind === kind ? { ...r, ...change } : r)));
  const submit = async () => {
    try {
      await save.mutateAsync(rows.map(({ kind, enabled, mode }) => ({ kind, enabled, mode })));
      message.success(t('prefs.saved'));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Page title={t('prefs.title')} subtitle={t('prefs.intro')}>
      <PlainTable<Pref>
        label={t('prefs.title')}
        rowKey="kind"
        loading={prefs.isLoading}
        dataSource={rows}
        columns={[
          { title: t('prefs.kind'), key: 'kind', render: (_, r) => t(`kinds.${r.kind}`) },
          {
            title: t('prefs.mail'),
            key: 'enabled',
            render: (_, r) =>
              r.required ? (
                <Typography.Text type="secondary">{t('prefs.required')}</Typography.Text>
              ) : (
                <Switch
                  aria-label={`${t(`kinds.${r.kind}`)}: ${t('prefs.mail')}`}
                  checked={r.enabled}
                  onChange={(enabled) => set(r.kind, { enabled })}
                />
              ),
          },
          {
            title: t('prefs.mode'),
            key: 'mode',
            render: (_, r) => (
              <Segmented
                size="small"
                disabled={!r.enabled}
                value={r.mode}
                onChange={(mode) => set(r.kind, { mode: mode as Pref['mode'] })}
                options={[
                  { value: 'immediate', label: t('prefs.immediate') },
                  { value: 'digest', label: t('prefs.digest') },
                ]}
              />
            ),
          },
        ]}
      />
      <Button type="primary" style={{ marginTop: 16 }} loading={save.isPending} onClick={submit}>
        {t('prefs.save')}
      </Button>
    </Page>
  );
}
