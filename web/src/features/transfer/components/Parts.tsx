// Pieces shared by the transfer pages: state tags, the explained match list, comma-list inputs.
import { Flex, List, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OrgName } from '../../../components/Names.tsx';
import { nameIn } from '../../../lib/i18n.ts';
import type { Explained } from '../api.ts';
import { NS } from '../i18n.ts';

const COLOUR: Record<string, string> = {
  draft: 'default',
  listed: 'success',
  withdrawn: 'default',
  open: 'processing',
  closed: 'default',
  promoted: 'purple',
  negotiating: 'processing',
  proposed: 'warning',
  notice: 'warning',
  signing: 'warning',
  signed: 'processing',
  registered: 'success',
  cancelled: 'default',
};

export function StateTag({
  scope,
  state,
}: {
  scope: 'achState' | 'demandState' | 'dealState';
  state: string;
}) {
  const { t } = useTranslation(NS);
  return <Tag color={COLOUR[state] ?? 'default'}>{t(`${scope}.${state}`)}</Tag>;
}

/** Matches, best first: the fit as a bar, then the words and codes that matched. */
export function MatchList({
  items,
  hrefOf,
  empty,
  extra,
}: {
  items: Explained[];
  hrefOf: (id: string) => string;
  empty: string;
  extra?: (m: Explained) => React.ReactNode;
}) {
  const { t, i18n } = useTranslation(NS);
  return (
    <List
      dataSource={items}
      locale={{ emptyText: empty }}
      renderItem={(m) => (
        <List.Item>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Flex wrap gap="small" justify="space-between" align="center">
              <Link to={hrefOf(m.id)}>
                <Typography.Text strong>{nameIn(i18n.language, m.title.zh, m.title.en)}</Typography.Text>
              </Link>
              <OrgName zh={m.org.zh} en={m.org.en} />
            </Flex>
            <Flex gap="small" align="center">
              <span>{t('match.score')}</span>
              <Progress
                aria-label={t('match.score')}
                percent={Math.round(m.score)}
                size="small"
                style={{ maxWidth: 240, margin: 0 }}
              />
            </Flex>
            {m.words.length > 0 && (
              <Flex wrap gap={4} align="center">
                <span>{t('match.words')}:</span>
                {m.words.map((w) => (
                  <Tag key={w.term} color="blue" translate="no">
                    {w.term} +{w.points}
                  </Tag>
                ))}
              </Flex>
            )}
            {m.codes.length > 0 && (
              <Flex wrap gap={4} align="center">
                <span>{t('match.codes')}:</span>
                {m.codes.map((c) => (
                  <Tag key={c.code} color="success" translate="no">
                    {c.code} +{c.points}
                  </Tag>
                ))}
              </Flex>
            )}
            {extra?.(m)}
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** "a, b；c" → ['a', 'b', 'c'] (Chinese and Latin commas and semicolons). */
export const splitList = (v: string | undefined) =>
  (v ?? '')
    .split(/[,，;；、]/)
    .map((x) => x.trim())
    .filter(Boolean);
