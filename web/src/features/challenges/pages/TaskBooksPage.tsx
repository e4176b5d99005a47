// Task books I am a party to, found by the challenge's title: the way to a task book when
// several wait for me ("my tasks" links here), and the title search a funding picker also uses.
import { Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateText, MoneyText, OrgName, PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { ServerTable } from '../../../components/ServerTable.tsx';
import { nameIn } from '../../../lib/i18n.ts';
import { fetchTaskBooks, type TaskBookRow } from '../api.ts';
import { StateTag } from '../components/StateTag.tsx';
import { NS } from '../i18n.ts';

export function TaskBooksPage() {
  const { t, i18n } = useTranslation(NS);
  const [q, setQ] = useState('');
  const filter = q ? { q } : {};
  const title = (r: TaskBookRow) => (
    <Link to={`/task-books/${r.id}`}>{nameIn(i18n.language, r.challenge.nameZh, r.challenge.nameEn)}</Link>
  );
  return (
    <Page title={t('taskBooks.title')} subtitle={t('taskBooks.subtitle')}>
      <ServerTable<TaskBookRow>
        queryKey={['taskBooks', filter]}
        fetchPage={fetchTaskBooks(filter)}
        rowKey="id"
        label={t('taskBooks.label')}
        empty={t('taskBooks.empty')}
        toolbar={
          <Input.Search
            allowClear
            aria-label={t('taskBooks.search')}
            placeholder={t('taskBooks.search')}
            onSearch={(v) => setQ(v.trim())}
            style={{ width: 260, maxWidth: '100%' }}
          />
        }
        columns={[
          { title: t('taskBooks.colChallenge'), key: 'title', sorter: true, render: (_, r) => title(r) },
          {
            title: t('taskBooks.colCommander'),
            key: 'commander',
            render: (_, r) => <PersonName zh={r.commander.nameZh} en={r.commander.nameEn} />,
          },
          {
            title: t('taskBooks.colHost'),
            key: 'host',
            render: (_, r) => <OrgName zh={r.hostOrg.nameZh} en={r.hostOrg.nameEn} />,
          },
          {
            title: t('taskBooks.colBudget'),
            key: 'budget',
            sorter: true,
            align: 'right',
            render: (_, r) => <MoneyText fen={r.budgetFen} />,
          },
          {
            title: t('taskBooks.colCreated'),
            key: 'createdAt',
            sorter: true,
            render: (_, r) => <DateText iso={r.createdAt} dateOnly />,
          },
          {
            title: t('taskBooks.colState'),
            key: 'state',
            render: (_, r) => <StateTag scope="taskBookState" state={r.state} />,
          },
        ]}
        card={(r) => (
          <Flex vertical gap={4}>
            <Typography.Text strong>{title(r)}</Typography.Text>
            <StateTag scope="taskBookState" state={r.state} />
            <span>
              <PersonName zh={r.commander.nameZh} en={r.commander.nameEn} /> ·{' '}
              <OrgName zh={r.hostOrg.nameZh} en={r.hostOrg.nameEn} />
            </span>
            <MoneyText fen={r.budgetFen} />
          </Flex>
        )}
      />
    </Page>
  );
}
