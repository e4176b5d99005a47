// Home: for a signed-in person "待办 / My tasks" (each kind of waiting work with a count, the
// nearest deadline and a link) and their roles; for a reader, a welcome; on a fresh install,
// how to create the first administrator or load the demo.
import { Alert, Badge, Button, Card, Col, Flex, List, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { DateText, PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { daysLeft } from '../../../lib/format.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { useSession } from '../../../session.tsx';
import { useMyTasks, useSetup } from '../api.ts';
import { NS } from '../i18n.ts';

function Deadline({ iso }: { iso: string }) {
  const { t } = useTranslation(NS);
  const d = daysLeft(iso);
  const text = d > 0 ? t('daysLeft', { count: d }) : d === 0 ? t('dueToday') : t('overdue', { count: -d });
  return (
    <Space wrap size={4}>
      <Typography.Text type="secondary">
        {t('due')}
        <DateText iso={iso} />
      </Typography.Text>
      <Tag color={d < 0 ? 'error' : d <= 3 ? 'warning' : 'default'}>{text}</Tag>
    </Space>
  );
}

function Tasks() {
  const { t } = useTranslation(NS);
  const tasks = useMyTasks(true);
  if (tasks.error)
    return <Alert type="error" showIcon title={t('tasksFailed', { message: errorText(tasks.error) })} />;
  const items = tasks.data?.items ?? [];
  return (
    <List
      loading={tasks.isLoading}
      grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
      dataSource={items}
      locale={{ emptyText: <EmptyState text={t('noTasks')} /> }}
      renderItem={(task) => (
        <List.Item>
          <Card size="small" className="task-card">
            <Flex vertical gap={8}>
              <Flex justify="space-between" align="start" gap={8}>
                <Link to={task.href} style={{ fontWeight: 600 }}>
                  {task.title}
                </Link>
                <Badge count={task.count} overflowCount={999} color="#b3261e" />
              </Flex>
              <Typography.Text type="secondary">{t('count', { count: task.count })}</Typography.Text>
              {task.dueAt && <Deadline iso={task.dueAt} />}
            </Flex>
          </Card>
        </List.Item>
      )}
    />
  );
}

function FirstRun() {
  const { t } = useTranslation(NS);
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('setupTitle')}
      description={
        <>
          <p>{t('setupText')}</p>
          <p>{t('setupAdmin')}</p>
          <pre className="cmd">npm run jiebang -- admin create --email admin@example.cn</pre>
          <p>{t('setupDemo')}</p>
          <pre className="cmd">npm run jiebang -- demo load</pre>
        </>
      }
    />
  );
}

export function HomePage() {
  const { t, i18n } = useTranslation([NS, 'translation']);
  const { session } = useSession();
  const setup = useSetup();
  const person = session?.person;
  const firstRun = setup.data?.hasAdmin === false && <FirstRun />;
  if (!person)
    return (
      <Page title={t('tagline')}>
        {firstRun}
        <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 24 }}>
          <Link to="/challenges">
            <Button type="primary">{t('browse')}</Button>
          </Link>
          <Link to="/login">
            <Button>{t('login')}</Button>
          </Link>
          <Link to="/register">
            <Button>{t('register')}</Button>
          </Link>
        </Space>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('mechanisms')}
        </Typography.Title>
        <Row gutter={[12, 12]}>
          {(['m1', 'm2', 'm3', 'm4', 'm5'] as const).map((k) => (
            <Col key={k} xs={24} md={12} xl={8}>
              <Card size="small">{t(k)}</Card>
            </Col>
          ))}
        </Row>
      </Page>
    );
  return (
    <Page
      title={t('welcome', { name: nameIn(i18n.language, person.nameZh, person.nameEn) })}
      heading={t('welcome', { name: '\u0000' })
        .split('\u0000')
        .flatMap((part, i) =>
          i === 0 ? [part] : [<PersonName key="name" zh={person.nameZh} en={person.nameEn} />, part],
        )}
    >
      {firstRun}
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('tasks')}
      </Typography.Title>
      <Tasks />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {t('roles')}
      </Typography.Title>
      {session.roles.length === 0 ? (
        <Typography.Paragraph>{t('noRoles')}</Typography.Paragraph>
      ) : (
        <Space wrap>
          {session.roles.map((r) => (
            // A long organisation name wraps inside its tag on a phone.
            <Tag key={`${r.orgId}-${r.role}`} style={{ whiteSpace: 'normal', maxWidth: '100%' }}>
              {t(`translation:roles.${r.role}`)} · {r.orgName}
            </Tag>
          ))}
        </Space>
      )}
    </Page>
  );
}
