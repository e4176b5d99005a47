// One demand, for each of its parties: the facts (contact details only to those who may see them),
// the dispatch history, and what this reader may do now — the agency dispatches from ranked,
// explained candidates; the commissioner accepts or declines, then logs visits with photos; the
// served party confirms and rates each visit; the agency or the served party resolves.
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  InputNumber,
  List,
  Modal,
  message,
  Rate,
  Space,
  Spin,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { DateText, OrgName, PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { beijingToday } from '../../../lib/format.ts';
import {
  type Candidate,
  type Demand,
  photoUrl,
  useCandidates,
  useDemand,
  useDemandActions,
  useDispatch,
} from '../api.ts';
import { Explanation } from '../components/Explanation.tsx';
import { DemandStateTag, UrgencyTag } from '../components/StateTag.tsx';
import { NS } from '../i18n.ts';

/** Labels darker than antd's default, for contrast (WCAG AA). */
const LABEL = { label: { color: 'rgba(0, 0, 0, 0.65)' } };

type Dispatch = Demand['dispatches'][number];
type Visit = Dispatch['visits'][number];

export function DemandPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(NS);
  const demand = useDemand(id);
  const actions = useDemandActions(id);
  if (demand.isLoading) return <Spin />;
  if (!demand.data) return <Empty description={errorText(demand.error)} />;
  const d = demand.data;
  const can = (a: string) => d.actions.includes(a);
  const run = async (p: Promise<unknown>, done: string) => {
    try {
      await p;
      message.success(done);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Page
      title={d.title}
      breadcrumb={[
        { title: <Link to="/commissioners/demands">{t('demand.back')}</Link> },
        { title: d.title },
      ]}
      extra={
        <>
          {can('resolve') && (
            <ConfirmButton
              effect={t('demand.resolveEffect')}
              onConfirm={() => run(actions.resolve.mutateAsync(), t('demand.resolved'))}
            >
              {t('demand.resolve')}
            </ConfirmButton>
          )}
          {can('withdraw') && (
            <ConfirmButton
              danger
              effect={t('demand.withdrawEffect')}
              onConfirm={() => run(actions.withdraw.mutateAsync(), t('demand.withdrawn'))}
            >
              {t('demand.withdraw')}
            </ConfirmButton>
          )}
        </>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" title={t('demand.facts')}>
          <Space wrap size={4} style={{ marginBottom: 8 }}>
            <UrgencyTag urgency={d.urgency} />
            <DemandStateTag state={d.state} />
          </Space>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.description}</Typography.Paragraph>
          <Descriptions styles={LABEL} size="small" column={{ xs: 1, sm: 1, md: 2 }}>
            <Descriptions.Item label={t('demand.requester')}>
              {d.requester} · {t(`requesterKinds.${d.requesterKind}`)}
            </Descriptions.Item>
            {d.industry && <Descriptions.Item label={t('demand.industry')}>{d.industry}</Descriptions.Item>}
            <Descriptions.Item label={t('demand.place')}>{d.region.name}</Descriptions.Item>
            <Descriptions.Item label={t('demand.agency')}>
              <OrgName zh={d.agency.nameZh} en={d.agency.nameEn} />
            </Descriptions.Item>
            <Descriptions.Item label={t('demand.contact')}>
              {d.contactName !== null ? (
                <span>
                  {d.contactName} {d.contactPhone && <a href={`tel:${d.contactPhone}`}>{d.contactPhone}</a>}
                </span>
              ) : (
                <Typography.Text type="secondary">{t('demand.hidden')}</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('list.posted')}>
              <DateText iso={d.createdAt} />
            </Descriptions.Item>
          </Descriptions>
        </Card>
        {can('dispatch') && <Candidates demandId={d.id} />}
        <Card size="small" title={t('demand.dispatches')}>
          {d.dispatches.length === 0 ? (
            <Typography.Text type="secondary">{t('demand.noDispatch')}</Typography.Text>
          ) : (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              {[...d.dispatches].reverse().map((x) => (
                <DispatchCard key={x.id} d={d} x={x} />
              ))}
            </Space>
          )}
        </Card>
      </Space>
    </Page>
  );
}

function DispatchCard({ d, x }: { d: Demand; x: Dispatch }) {
  const { t } = useTranslation(NS);
  const actions = useDemandActions(d.id);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const offered = x.mine && x.state === 'offered';
  const serving = x.mine && x.state === 'accepted' && d.state === 'serving';
  return (
    <Card
      type="inner"
      size="small"
      title={
        <Space wrap size={4}>
          <PersonName zh={x.commissioner.nameZh} en={x.commissioner.nameEn} />
          <Typography.Text type="secondary">{x.commissioner.homeOrg}</Typography.Text>
        </Space>
      }
      extra={<Tag>{t(`dispatchStates.${x.state}`)}</Tag>}
    >
      <Descriptions styles={LABEL} size="small" column={1}>
        <Descriptions.Item label={t('demand.term')}>
          {x.termStart} – {x.termEnd}
        </Descriptions.Item>
        <Descriptions.Item label={t('demand.goals')}>{x.goals}</Descriptions.Item>
        {x.declineReason && x.state === 'declined' && (
          <Descriptions.Item label={t('demand.declineReason')}>{x.declineReason}</Descriptions.Item>
        )}
      </Descriptions>
      {x.explanation && x.score !== null && (
        <Explanation
          c={{
            score: x.score,
            affinity: x.explanation.affinity,
            regionPoints: x.explanation.regionPoints,
            regionLevel: x.regionLevel as Candidate['regionLevel'],
            explanation: x.explanation,
          }}
        />
      )}
      {offered && (
        <Flex wrap gap="small" style={{ marginTop: 12 }}>
          <ConfirmButton
            type="primary"
            effect={t('demand.acceptEffect')}
            onConfirm={async () => {
              try {
                await actions.accept.mutateAsync(x.id);
                message.success(t('demand.accepted'));
              } catch (e) {
                message.error(errorText(e));
              }
            }}
          >
            {t('demand.accept')}
          </ConfirmButton>
          <Button danger onClick={() => setDeclining(true)}>
            {t('demand.decline')}
          </Button>
        </Flex>
      )}
      <Modal
        open={declining}
        title={t('demand.declineTitle')}
        okText={t('demand.decline')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: actions.decline.isPending }}
        onCancel={() => setDeclining(false)}
        onOk={async () => {
          try {
            await actions.decline.mutateAsync({ dispatchId: x.id, reason });
            setDeclining(false);
            message.success(t('demand.declined'));
          } catch (e) {
            message.error(errorText(e));
          }
        }}
      >
        <Input.TextArea
          aria-label={t('demand.declineReason')}
          placeholder={t('demand.declineHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 2 }}
        />
      </Modal>
      {(x.state === 'accepted' || x.state === 'completed') && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 12 }}>
            {t('demand.visits')}
          </Typography.Title>
          {x.visits.length === 0 ? (
            <Typography.Text type="secondary">{t('demand.noVisits')}</Typography.Text>
          ) : (
            <List dataSource={x.visits} renderItem={(v) => <VisitItem demandId={d.id} v={v} />} />
          )}
          {serving && <VisitForm demandId={d.id} dispatchId={x.id} />}
        </>
      )}
    </Card>
  );
}

function VisitItem({ demandId, v }: { demandId: string; v: Visit }) {
  const { t } = useTranslation(NS);
  const actions = useDemandActions(demandId);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  return (
    <List.Item>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <strong>{v.visitDate}</strong>
          <span>{v.place}</span>
          <Typography.Text type="secondary">{t('demand.hoursValue', { hours: v.hours })}</Typography.Text>
          {v.confirmedAt ? (
            <Tag color="blue">{t('demand.confirmed')}</Tag>
          ) : (
            <Tag color="purple">{t('demand.unconfirmed')}</Tag>
          )}
        </Space>
        <span style={{ whiteSpace: 'pre-wrap' }}>{v.workDone}</span>
        {v.photos.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap>
              {v.photos.map((p) => (
                <Image
                  key={p.id}
                  src={photoUrl(p.id)}
                  alt={p.fileName}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover' }}
                />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
        {v.rating !== null && (
          <Space wrap size={4}>
            <Rate disabled value={v.rating} aria-label={t('demand.rating')} />
            {v.ratingComment && <span>{v.ratingComment}</span>}
          </Space>
        )}
        {v.canAddPhoto && (
          <Upload
            accept="image/png,image/jpeg"
            showUploadList={false}
            customRequest={async ({ file, onSuccess, onError }) => {
              try {
                await actions.addPhoto.mutateAsync({ visitId: v.id, photo: file as File });
                message.success(t('demand.photoAdded'));
                onSuccess?.({});
              } catch (e) {
                message.error(errorText(e));
                onError?.(e as Error);
              }
            }}
          >
            <Button size="small">{t('demand.addPhoto')}</Button>
          </Upload>
        )}
        {v.canConfirm && (
          <Flex wrap gap="small" align="center">
            <Rate value={rating} onChange={setRating} aria-label={t('demand.rating')} />
            <Input
              aria-label={t('demand.comment')}
              placeholder={t('demand.comment')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              style={{ flex: '1 1 160px' }}
            />
            <Button
              type="primary"
              disabled={rating === 0}
              loading={actions.confirm.isPending}
              onClick={async () => {
                try {
                  await actions.confirm.mutateAsync({ visitId: v.id, rating, comment });
                  message.success(t('demand.confirmDone'));
                } catch (e) {
                  message.error(errorText(e));
                }
              }}
            >
              {t('demand.confirm')}
            </Button>
          </Flex>
        )}
      </Space>
    </List.Item>
  );
}

interface VisitValues {
  visitDate: dayjs.Dayjs;
  place: string;
  hours: number;
  workDone: string;
}

function VisitForm({ demandId, dispatchId }: { demandId: string; dispatchId: string }) {
  const { t } = useTranslation(NS);
  const [form] = Form.useForm<VisitValues>();
  const [photo, setPhoto] = useState<File | undefined>();
  const actions = useDemandActions(demandId);
  return (
    <Card type="inner" size="small" title={t('demand.logVisit')} style={{ marginTop: 12 }}>
      <Form<VisitValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ visitDate: dayjs(beijingToday()), hours: 2 }}
        onFinish={async (v) => {
          try {
            await actions.logVisit.mutateAsync({
              dispatchId,
              visitDate: v.visitDate.format('YYYY-MM-DD'),
              place: v.place,
              hours: v.hours,
              workDone: v.workDone,
              photo,
            });
            form.resetFields();
            setPhoto(undefined);
            message.success(t('demand.logged'));
          } catch (e) {
            if (!showFieldError(form, e)) message.error(errorText(e));
          }
        }}
      >
        <Flex wrap gap="small">
          <Form.Item
            name="visitDate"
            label={t('demand.visitDate')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 140px' }}
          >
            <DatePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
          <Form.Item
            name="hours"
            label={t('demand.hours')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 100px' }}
          >
            <InputNumber min={0.5} max={24} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="place" label={t('demand.visitPlace')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="workDone" label={t('demand.workDone')} rules={[{ required: true }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
        <Form.Item label={t('demand.photo')}>
          <Upload
            accept="image/png,image/jpeg"
            maxCount={1}
            beforeUpload={(f) => {
              setPhoto(f);
              return false;
            }}
            onRemove={() => setPhoto(undefined)}
            fileList={photo ? [{ uid: '1', name: photo.name, status: 'done' }] : []}
          >
            <Button>{t('demand.addPhoto')}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={actions.logVisit.isPending}>
          {t('demand.save')}
        </Button>
      </Form>
    </Card>
  );
}

function Candidates({ demandId }: { demandId: string }) {
  const { t } = useTranslation(NS);
  const candidates = useCandidates(demandId, true);
  const dispatch = useDispatch();
  const today = beijingToday();
  return (
    <Card size="small" title={t('demand.candidates')}>
      <Typography.Paragraph type="secondary">{t('demand.candidatesIntro')}</Typography.Paragraph>
      {candidates.data && candidates.data.length === 0 && (
        <Typography.Text>{t('demand.noCandidates')}</Typography.Text>
      )}
      <List
        loading={candidates.isLoading}
        dataSource={candidates.data ?? []}
        renderItem={(c) => (
          <List.Item
            actions={[
              <ConfirmButton
                key="dispatch"
                type="primary"
                size="small"
                effect={t('demand.dispatchEffect')}
                onConfirm={async () => {
                  try {
                    await dispatch.mutateAsync({
                      demandId,
                      commissionerId: c.commissioner.id,
                      termStart: today,
                      termEnd: `${today.slice(0, 4)}-12-31`,
                      goals: t('dispatch.goalsDefault'),
                    });
                    message.success(t('demand.dispatched'));
                  } catch (e) {
                    message.error(errorText(e));
                  }
                }}
              >
                {t('demand.dispatchTo')}
              </ConfirmButton>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <PersonName zh={c.commissioner.nameZh} en={c.commissioner.nameEn} />
                  <Typography.Text type="secondary">{c.commissioner.homeOrg}</Typography.Text>
                </Space>
              }
              description={<Explanation c={c} />}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
