// The manager's calendar of one instrument, week or month, in Beijing time. The week is an hour grid
// (a column a day, each booking or maintenance window a block at its time); the month is a grid of
// days with their items. Both fit a 390 px phone: the week's blocks shrink to colour and time, the
// month's days to a count, and the chosen day's items are listed in full below.
import { Alert, Button, Card, Grid, List, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { DateText, PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { useCalendar, useInstrument } from '../api.ts';
import { dayOf, hhmm, onDay, shift, startOf, viewDays, ymd } from '../components/calendar.ts';
import { NS } from '../i18n.ts';
import '../components/calendar.css';

type Mode = 'week' | 'month';
interface Item {
  key: string;
  kind: 'booking' | 'maintenance';
  id?: string;
  state?: string;
  start: string;
  end: string;
  who?: { nameZh: string; nameEn: string };
  reason?: string;
}
const HOUR_PX = 22;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
// Dark enough for white text (WCAG AA, 4.5:1) on the legend tags and the calendar's blocks.
const COLOURS: Record<string, string> = {
  pending: '#ad4e00',
  confirmed: '#0958d9',
  completed: '#237804',
  maintenance: '#595959',
};
const colourOf = (x: Item) =>
  COLOURS[x.kind === 'maintenance' ? 'maintenance' : (x.state ?? '')] ?? COLOURS.confirmed;

export function CalendarPage() {
  const { t, i18n } = useTranslation(NS);
  const id = useParams().id ?? '';
  const phone = !Grid.useBreakpoint().md;
  const [mode, setMode] = useState<Mode>('week');
  const today = dayOf(Date.now());
  // ?day=2026-12-11 opens the calendar at that Beijing date (a link from a booking, say).
  const asked = /^\d{4}-\d{2}-\d{2}$/.exec(useSearchParams()[0].get('day') ?? '');
  const first = asked ? dayOf(Date.parse(`${asked[0]}T00:00:00+08:00`)) : today;
  const [anchor, setAnchor] = useState(first);
  const [chosen, setChosen] = useState(first);
  const days = useMemo(() => viewDays(mode, anchor), [mode, anchor]);
  const from = new Date(startOf(days[0] ?? today)).toISOString();
  const to = new Date(startOf((days[days.length - 1] ?? today) + 1)).toISOString();
  const instrument = useInstrument(id);
  const q = useCalendar(id, from, to);
  const items: Item[] = useMemo(
    () =>
      q.data
        ? [
            ...q.data.bookings.map((b) => ({
              key: b.id,
              kind: 'booking' as const,
              id: b.id,
              state: b.state,
              start: b.start,
              end: b.end,
              who: b.booker,
            })),
            ...q.data.maintenance.map((m, k) => ({
              key: `m${k}`,
              kind: 'maintenance' as const,
              start: m.start,
              end: m.end,
              reason: m.reason,
            })),
          ]
        : [],
    [q.data],
  );
  if (instrument.isError) return <Alert type="error" message={errorText(instrument.error)} />;
  const name = instrument.data ? nameIn(i18n.language, instrument.data.nameZh, instrument.data.nameEn) : '';
  const title = t('calendar.title', { name });
  const weekday = (day: number) =>
    new Intl.DateTimeFormat(i18n.language, { weekday: phone ? 'narrow' : 'short', timeZone: 'UTC' }).format(
      new Date(startOf(day) + 8 * 3_600_000),
    );
  const label = (x: Item) =>
    x.kind === 'maintenance'
      ? `${t('calendar.maintenance')}${x.reason ? ` · ${x.reason}` : ''}`
      : `${t(`state.${x.state}`)} · ${x.who ? nameIn(i18n.language, x.who.nameZh, x.who.nameEn) : ''}`;
  const { y, m } = ymd(anchor);
  const period =
    mode === 'month'
      ? new Intl.DateTimeFormat(i18n.language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
          Date.UTC(y, m - 1, 1),
        )
      : `${ymd(days[0] ?? today).m}/${ymd(days[0] ?? today).d} – ${ymd(days[6] ?? today).m}/${ymd(days[6] ?? today).d}`;

  const week = (
    <div className="instr-week">
      <div className="instr-week-head">
        <div />
        {days.map((d) => (
          <div
            key={d}
            className={d === today ? 'instr-today' : undefined}
            style={{ textAlign: 'center', fontSize: 12 }}
          >
            {weekday(d)} {ymd(d).d}
          </div>
        ))}
      </div>
      <div className="instr-week-body" style={{ height: 24 * HOUR_PX }}>
        <div className="instr-week-hours" aria-hidden>
          {HOURS.map((h) => (
            <div key={h} style={{ height: HOUR_PX }}>
              {h % 3 === 0 ? `${String(h).padStart(2, '0')}` : ''}
            </div>
          ))}
        </div>
        {days.map((d) => (
          <div key={d} className="instr-week-day">
            {onDay(items, d).map(({ item, from, to }) => {
              const style = {
                top: (from / 60) * HOUR_PX,
                height: Math.max(((to - from) / 60) * HOUR_PX, 6),
                background: colourOf(item),
              };
              const text = `${(to - from) / 60 >= 1 ? hhmm(from) : ''}${!phone && (to - from) / 60 >= 2 ? ` ${label(item)}` : ''}`;
              const hint = `${hhmm(from)}–${hhmm(to)} ${label(item)}`;
              return item.id ? (
                <Link
                  key={item.key}
                  to={`/instruments/bookings/${item.id}`}
                  className="instr-block"
                  style={style}
                  title={hint}
                >
                  {text}
                  {/* The whole booking for screen readers; the visible text stays part of the name. */}
                  <span className="sr-only"> {hint}</span>
                </Link>
              ) : (
                <div key={item.key} className="instr-block" style={style} title={hint}>
                  {text}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );

  const month = (
    <div className="instr-month">
      {days.slice(0, 7).map((d) => (
        <div key={`h${d}`} style={{ textAlign: 'center', fontSize: 12 }}>
          {weekday(d)}
        </div>
      ))}
      {days.map((d) => {
        const here = onDay(items, d);
        const inMonth = ymd(d).m === m;
        return (
          <button
            type="button"
            key={d}
            aria-pressed={d === chosen}
            onClick={() => setChosen(d)}
            className={[
              'instr-month-day',
              inMonth ? '' : 'instr-other-month',
              d === today ? 'instr-today' : '',
              d === chosen ? 'instr-chosen' : '',
            ].join(' ')}
          >
            <span>{ymd(d).d}</span>
            {phone ? (
              here.length > 0 && (
                <span className="instr-dots">
                  {here.slice(0, 3).map((x) => (
                    <i key={x.item.key} style={{ background: colourOf(x.item) }} />
                  ))}
                </span>
              )
            ) : (
              <>
                {here.slice(0, 2).map((x) => (
                  <span key={x.item.key} className="instr-chip" style={{ background: colourOf(x.item) }}>
                    {hhmm(x.from)} {label(x.item)}
                  </span>
                ))}
                {here.length > 2 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('calendar.more', { n: here.length - 2 })}
                  </Typography.Text>
                )}
              </>
            )}
          </button>
        );
      })}
    </div>
  );

  const listed = mode === 'month' ? [chosen] : days;
  const dayItems = listed.flatMap((d) => onDay(items, d).map((x) => ({ ...x, day: d })));
  return (
    <Page
      title={title}
      breadcrumb={[
        { title: t('menu.managed'), href: '/instruments/managed' },
        { title: name, href: `/instruments/${id}` },
        { title: t('calendar.open') },
      ]}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Mode>
          value={mode}
          onChange={(v) => setMode(v)}
          options={[
            { value: 'week', label: t('calendar.week') },
            { value: 'month', label: t('calendar.month') },
          ]}
        />
        <Button onClick={() => setAnchor(shift(mode, anchor, -1))} aria-label={t('calendar.prev')}>
          ‹
        </Button>
        <Button
          onClick={() => {
            setAnchor(today);
            setChosen(today);
          }}
        >
          {t('calendar.today')}
        </Button>
        <Button onClick={() => setAnchor(shift(mode, anchor, 1))} aria-label={t('calendar.next')}>
          ›
        </Button>
        <Typography.Text strong>{period}</Typography.Text>
      </Space>
      <Space wrap size={4} style={{ marginBottom: 8 }} aria-label={t('calendar.legend')}>
        {(['pending', 'confirmed', 'completed'] as const).map((s) => (
          <Tag key={s} color={COLOURS[s]}>
            {t(`state.${s}`)}
          </Tag>
        ))}
        <Tag color={COLOURS.maintenance}>{t('calendar.maintenance')}</Tag>
      </Space>
      {q.isError ? (
        <Alert type="error" message={errorText(q.error)} />
      ) : !q.data ? (
        <Spin />
      ) : (
        <>
          <Card size="small" styles={{ body: { padding: 8 } }}>
            {mode === 'week' ? week : month}
          </Card>
          <List
            style={{ marginTop: 12 }}
            size="small"
            dataSource={dayItems}
            locale={{ emptyText: <EmptyState text={t('calendar.empty')} /> }}
            renderItem={({ item }) => (
              <List.Item>
                <div>
                  <Tag color={colourOf(item)}>
                    {item.kind === 'maintenance' ? t('calendar.maintenance') : t(`state.${item.state}`)}
                  </Tag>
                  <DateText iso={item.start} /> – <DateText iso={item.end} />{' '}
                  {item.who && <PersonName zh={item.who.nameZh} en={item.who.nameEn} />}
                  {item.reason}{' '}
                  {item.id && <Link to={`/instruments/bookings/${item.id}`}>{t('managed.open')}</Link>}
                </div>
              </List.Item>
            )}
          />
        </>
      )}
    </Page>
  );
}
