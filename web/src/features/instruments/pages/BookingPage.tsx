// One booking: who booked, who pays, the time; the manager approves, rejects or records the use
// (the fee goes to the ledger); the booker cancels or rates; a printable statement once used.
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Rate,
  Spin,
  Tag,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { DateText, MoneyText, OrgName, PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { beijingInput, fromBeijingInput } from '../../../lib/format.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { useBooking, useBookingAction } from '../api.ts';
import { NS } from '../i18n.ts';

export function BookingPage() {
  const { t, i18n } = useTranslation(NS);
  const id = useParams().id ?? '';
  const q = useBooking(id);
  const act = useBookingAction(id);
  const { message } = App.useApp();
  const [useForm] = Form.useForm();
  const [rateForm] = Form.useForm();
  const [reasonForm] = Form.useForm();
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" message={errorText(q.error)} />;
  const b = q.data;
  const title = nameIn(i18n.language, b.instrument.nameZh, b.instrument.nameEn);
  const run = async (a: Parameters<typeof act.mutateAsync>[0], form?: typeof useForm) => {
    try {
      await act.mutateAsync(a);
    } catch (e) {
      if (!form || !showFieldError(form, e)) message.error(errorText(e));
    }
  };
  const reason = () => (reasonForm.getFieldValue('reason') as string | undefined) ?? '';
  return (
    <Page
      title={b.use ? t('booking.receipt') : t('booking.title')}
      heading={
        <span>
          {b.use ? t('booking.receipt') : t('booking.title')} · {title}
        </span>
      }
      breadcrumb={[{ title: t('menu.bookings'), href: '/instruments/bookings' }, { title }]}
      extra={b.use ? <Button onClick={() => window.print()}>{t('booking.print')}</Button> : undefined}
    >
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
        <Descriptions.Item label={t('list.colOrg')}>
          <OrgName zh={b.instrumentOrg.nameZh} en={b.instrumentOrg.nameEn} />
        </Descriptions.Item>
        <Descriptions.Item label={t('booking.state')}>
          <Tag>{t(`state.${b.state}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('booking.booker')}>
          <PersonName zh={b.booker.nameZh} en={b.booker.nameEn} />
        </Descriptions.Item>
        <Descriptions.Item label={t('booking.payer')}>
          <OrgName zh={b.payer.nameZh} en={b.payer.nameEn} />
          {b.award && ` · ${nameIn(i18n.language, b.award.nameZh, b.award.nameEn)}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('booking.time')}>
          <DateText iso={b.start} /> – <DateText iso={b.end} />
        </Descriptions.Item>
        <Descriptions.Item label={t('booking.price')}>
          <MoneyText fen={b.priceFenPerHour} />
        </Descriptions.Item>
        <Descriptions.Item label={t('booking.purpose')} span={2}>
          {b.purpose}
        </Descriptions.Item>
        {b.reason ? (
          <Descriptions.Item label={t('booking.reason')} span={2}>
            {b.reason}
          </Descriptions.Item>
        ) : null}
      </Descriptions>

      {b.use && (
        <Card title={t('booking.use')} size="small" style={{ marginTop: 16 }}>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('booking.useStart')}>
              <DateText iso={b.use.start} />
            </Descriptions.Item>
            <Descriptions.Item label={t('booking.useEnd')}>
              <DateText iso={b.use.end} />
            </Descriptions.Item>
            <Descriptions.Item label={t('booking.machineHours')}>{b.use.machineHours}</Descriptions.Item>
            <Descriptions.Item label={t('booking.samples')}>{b.use.samples}</Descriptions.Item>
            <Descriptions.Item label={t('booking.fee')}>
              <MoneyText fen={b.use.feeFen} strong />
            </Descriptions.Item>
            <Descriptions.Item label={t('booking.entry')}>
              {b.use.entrySeq === null ? '—' : `#${b.use.entrySeq}`}
              {b.use.postedAt && (
                <>
                  {' · '}
                  <DateText iso={b.use.postedAt} />
                </>
              )}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {b.rating && (
        <Card title={t('booking.rating')} size="small" style={{ marginTop: 16 }}>
          <Rate disabled value={b.rating.score} /> {b.rating.comment}
        </Card>
      )}

      {(b.actions.includes('approve') || b.actions.includes('reject') || b.actions.includes('cancel')) && (
        <Form form={reasonForm} layout="vertical" style={{ marginTop: 16 }}>
          <Form.Item name="reason" label={t('booking.reason')}>
            <Input maxLength={1000} />
          </Form.Item>
          <Flex wrap gap="small">
            {b.actions.includes('approve') && (
              <ConfirmButton
                type="primary"
                effect={t('booking.approveEffect')}
                onConfirm={() => run({ action: 'approve' })}
              >
                {t('booking.approve')}
              </ConfirmButton>
            )}
            {b.actions.includes('reject') && (
              <ConfirmButton
                danger
                effect={t('booking.rejectEffect')}
                onConfirm={() => run({ action: 'reject', reason: reason() }, reasonForm)}
              >
                {t('booking.reject')}
              </ConfirmButton>
            )}
            {b.actions.includes('cancel') && (
              <ConfirmButton
                danger
                effect={t('booking.cancelEffect')}
                onConfirm={() => run({ action: 'cancel', reason: reason() }, reasonForm)}
              >
                {t('booking.cancel')}
              </ConfirmButton>
            )}
          </Flex>
        </Form>
      )}

      {b.actions.includes('record_use') && (
        <Card title={t('booking.record')} size="small" style={{ marginTop: 16 }}>
          <Form
            form={useForm}
            layout="vertical"
            initialValues={{ start: beijingInput(b.start), end: beijingInput(b.end), samples: 0 }}
          >
            <Form.Item name="start" label={t('booking.useStart')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="end" label={t('booking.useEnd')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="machineHours" label={t('booking.machineHours')} rules={[{ required: true }]}>
              <Input inputMode="decimal" style={{ maxWidth: 160 }} />
            </Form.Item>
            <Form.Item name="samples" label={t('booking.samples')}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <ConfirmButton
              type="primary"
              effect={t('booking.recordEffect')}
              onConfirm={async () => {
                const v = await useForm.validateFields();
                await run(
                  {
                    action: 'use',
                    start: fromBeijingInput(v.start),
                    end: fromBeijingInput(v.end),
                    machineHours: String(v.machineHours),
                    samples: Number(v.samples ?? 0),
                  },
                  useForm,
                );
              }}
            >
              {t('booking.record')}
            </ConfirmButton>
          </Form>
        </Card>
      )}

      {b.canRate && (
        <Card title={t('booking.rate')} size="small" style={{ marginTop: 16 }}>
          <Form
            form={rateForm}
            layout="vertical"
            onFinish={(v: { score: number; comment?: string }) =>
              run({ action: 'rating', score: v.score, comment: v.comment ?? '' }, rateForm)
            }
          >
            <Form.Item name="score" label={t('booking.score')} rules={[{ required: true }]}>
              <Rate />
            </Form.Item>
            <Form.Item name="comment" label={t('booking.comment')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={act.isPending}>
              {t('booking.sendRating')}
            </Button>
          </Form>
        </Card>
      )}
    </Page>
  );
}
