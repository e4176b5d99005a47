// Names, never ids: money, dates, people and organisations in the reader's language.
//   <MoneyText fen={row.amountFen} />  <DateText iso={row.dueAt} />  <DateText iso={d} dateOnly />
//   <PersonName zh={p.nameZh} en={p.nameEn} />  <OrgName zh={o.nameZh} en={o.nameEn} />
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { date, dateTime, money } from '../lib/format.ts';
import { nameIn } from '../lib/i18n.ts';

export function MoneyText({ fen, strong }: { fen: number; strong?: boolean }) {
  const text = money(fen);
  return strong ? <Typography.Text strong>{text}</Typography.Text> : <span className="num">{text}</span>;
}

export function DateText({ iso, dateOnly }: { iso: string | null | undefined; dateOnly?: boolean }) {
  const { i18n } = useTranslation();
  return iso ? (
    <time dateTime={iso}>{dateOnly ? date(iso, i18n.language) : dateTime(iso, i18n.language)}</time>
  ) : (
    <span>—</span>
  );
}

interface Bilingual {
  zh?: string | null;
  en?: string | null;
}

export function PersonName({ zh, en }: Bilingual) {
  const { i18n } = useTranslation();
  return <span translate="no">{nameIn(i18n.language, zh, en) || '—'}</span>;
}

export function OrgName({ zh, en }: Bilingual) {
  const { i18n } = useTranslation();
  return <span translate="no">{nameIn(i18n.language, zh, en) || '—'}</span>;
}
