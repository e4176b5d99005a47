// Declaring a race (organizers): choose an awarded race-mode challenge by its title, the award and
// tranche plan, and the stages with gate dates, targets, advance rule, tie-break, share and rank
// weights. An "advanced" JSON body, pre-filled with a complete example, is the fallback for what the
// form does not cover (interim target values, several tie-breaks).
import {
  App,
  Button,
  Card,
  Checkbox,
  Collapse,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Select,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { ListEditor } from '../../../components/ListEditor.tsx';
import { Page } from '../../../components/Page.tsx';
import { SearchSelect } from '../../../components/SearchSelect.tsx';
import { errorText, fieldPath } from '../../../lib/form-errors.ts';
import { beijingInput, fromBeijingInput, parseYuan } from '../../../lib/format.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { findRaceChallenges, type RaceBody, type StageTarget, useChallenge, useCreateRace } from '../api.ts';
import { around, MARK, Verbatim } from '../components/Verbatim.tsx';
import { NS } from '../i18n.ts';

const RULE_KINDS = ['top_k', 'threshold', 'top_k_threshold', 'targets_met'] as const;
type RuleKind = (typeof RULE_KINDS)[number];

type StageDraft = {
  titleZh: string;
  titleEn?: string;
  gateAt: string;
  targetIds: string[];
  evidence: string;
  evidenceRequired?: boolean;
  scoreSource: 'manual' | 'review_round';
  rule: { kind: RuleKind; k?: number | null; minScore?: string };
  tieBreak: string;
  sharePercent: number | null;
  rankWeights: string;
};
interface Draft {
  challengeId?: string;
  award: string;
  noticeDays: number;
  signingPercent: number;
  signingCap: string;
  stages: StageDraft[];
}

const DAY = 86_400_000;
const gateIn = (days: number) =>
  `${beijingInput(new Date(Date.now() + days * DAY).toISOString()).slice(0, 10)}T17:00`;
const blankStage = (targets: StageTarget[], days: number): StageDraft => ({
  titleZh: '',
  titleEn: '',
  gateAt: gateIn(days),
  targetIds: targets.map((x) => x.id),
  evidence: '',
  evidenceRequired: false,
  scoreSource: 'manual',
  rule: { kind: 'top_k', k: 1, minScore: '' },
  tieBreak: 'earlier_submission',
  sharePercent: null,
  rankWeights: '1',
});

const list = (s: string) =>
  s
    .split(/[,，\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const fen = (s: string) => parseYuan(s) ?? (s.trim() === '' ? 0 : Number.NaN);

function ruleBody(r: StageDraft['rule'], targetIds: string[]): RaceBody['stages'][number]['rule'] {
  const k = Number(r.k ?? 0);
  const minScore = (r.minScore ?? '').trim();
  if (r.kind === 'top_k') return { kind: r.kind, k };
  if (r.kind === 'threshold') return { kind: r.kind, minScore };
  if (r.kind === 'top_k_threshold') return { kind: r.kind, k, minScore };
  return { kind: r.kind, targetIds };
}

function body(v: Draft): RaceBody {
  return {
    challengeId: v.challengeId ?? '',
    awardFen: fen(v.award),
    noticeDays: v.noticeDays,
    tranchePlan: {
      signingPercent: v.signingPercent,
      signingCapFen: fen(v.signingCap),
      stages: v.stages.map((s) => ({
        sharePercent: s.sharePercent ?? 0,
        rankWeights: list(s.rankWeights).map(Number),
      })),
    },
    stages: v.stages.map((s) => ({
      titleZh: s.titleZh,
      titleEn: s.titleEn ?? '',
      gateAt: fromBeijingInput(s.gateAt),
      targetIds: s.targetIds,
      targetValues: {},
      evidence: s.evidence,
      scoreSource: s.scoreSource,
      evidenceRequired: !!s.evidenceRequired,
      rule: ruleBody(s.rule, s.targetIds),
      tieBreak: [
        ...(s.tieBreak === 'earlier_submission'
          ? [{ kind: 'earlier_submission' as const }]
          : s.tieBreak.startsWith('target:')
            ? [
                { kind: 'target' as const, targetId: s.tieBreak.slice(7) },
                { kind: 'earlier_submission' as const },
              ]
            : []),
        { kind: 'lot' as const },
      ],
    })),
  };
}

/** A complete example declaration for the advanced text box. */
function example(challengeId: string, targets: StageTarget[]) {
  const ids = targets.map((x) => x.id);
  const tieBreak = [
    ...(ids[0] ? [{ kind: 'target', targetId: ids[0] }] : []),
    { kind: 'earlier_submission' },
    { kind: 'lot' },
  ];
  return JSON.stringify(
    {
      challengeId,
      awardFen: 800_000_000,
      noticeDays: 5,
      tranchePlan: {
        signingPercent: 30,
        signingCapFen: 300_000_000,
        stages: [
          { sharePercent: 40, rankWeights: [1] },
          { sharePercent: 60, rankWeights: [3, 1] },
        ],
      },
      stages: [
        {
          titleZh: '小批量样品',
          titleEn: 'Pilot samples',
          gateAt: fromBeijingInput(gateIn(60)),
          targetIds: ids,
          evidence: '第三方检测报告',
          scoreSource: 'review_round',
          rule: { kind: 'top_k', k: 2 },
          tieBreak,
        },
        {
          titleZh: '产线验证',
          titleEn: 'Line validation',
          gateAt: fromBeijingInput(gateIn(150)),
          targetIds: ids,
          evidence: '产线连续运行记录',
          rule: { kind: 'top_k', k: 1 },
          tieBreak,
        },
      ],
    },
    null,
    2,
  );
}

/** The server's field as this form's: the tranche plan's per-stage figures sit in each stage's card. */
function formPath(field: string): (string | number)[] {
  const renamed = field
    .replace(/^tranchePlan\.stages\.(\d+)\./, 'stages.$1.')
    .replace(/^tranchePlan\.signingCapFen$/, 'signingCap')
    .replace(/^tranchePlan\.signingPercent$/, 'signingPercent')
    .replace(/^awardFen$/, 'award');
  return fieldPath(renamed);
}

/** Shows the error on the nearest field the form has (trailing list indexes trimmed); false if none. */
function showOnField(form: FormInstance, e: unknown): boolean {
  if (!(e instanceof ApiError) || !e.field) return false;
  const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name.map(String))));
  const path = formPath(e.field);
  while (path.length > 0 && !known.has(JSON.stringify(path.map(String)))) path.pop();
  if (path.length === 0) return false;
  form.setFields([{ name: path, errors: [e.message] }]);
  form.scrollToField(path);
  return true;
}

export function RaceCreatePage() {
  const { t, i18n } = useTranslation(NS);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Draft>();
  const [advanced, setAdvanced] = useState('');
  const [advancedError, setAdvancedError] = useState('');
  const create = useCreateRace();
  const challengeId = Form.useWatch('challengeId', form);
  const challenge = useChallenge(challengeId);
  const targets = challenge.data?.targets ?? [];
  const stages = Form.useWatch('stages', form) ?? [];

  const send = async (b: RaceBody, onError: (e: unknown) => void) => {
    try {
      const race = await create.mutateAsync(b);
      message.success(t('create.done'));
      navigate(`/races/${race.id}`);
    } catch (e) {
      onError(e);
    }
  };
  // A newly chosen challenge: its targets in a fresh first stage and in the JSON example.
  useEffect(() => {
    const c = challenge.data;
    if (!c) return;
    form.setFieldValue('stages', [blankStage(c.targets, 60)]);
    setAdvanced(example(c.id, c.targets));
  }, [challenge.data, form]);
  const targetOptions = targets.map((x) => ({ value: x.id, label: <Verbatim>{x.metric}</Verbatim> }));

  return (
    <Page
      title={t('create.title')}
      breadcrumb={[{ title: <Link to="/races">{t('list.title')}</Link> }, { title: t('create.title') }]}
    >
      <Form<Draft>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{
          noticeDays: 5,
          signingPercent: 30,
          award: '',
          signingCap: '',
          stages: [blankStage([], 60)],
        }}
        onFinish={(v) =>
          send(body(v), (e) => {
            if (!showOnField(form, e)) message.error(errorText(e));
          })
        }
      >
        <Form.Item
          name="challengeId"
          label={t('challenge')}
          extra={t('create.challengeHint')}
          rules={[{ required: true, message: t('create.chooseChallenge') }]}
        >
          <SearchSelect
            queryKey="race-challenges"
            placeholder={t('create.challengePlaceholder')}
            search={async (q) =>
              (await findRaceChallenges(q)).map((c) => ({
                value: c.id,
                label: <Verbatim>{nameIn(i18n.language, c.titleZh, c.titleEn)}</Verbatim>,
              }))
            }
          />
        </Form.Item>
        <Flex wrap gap="middle">
          <Form.Item
            name="award"
            label={t('create.award')}
            rules={[{ required: true, message: t('create.required') }]}
          >
            <Input inputMode="decimal" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="noticeDays" label={t('noticeDays')}>
            <InputNumber min={1} max={30} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="signingPercent" label={t('create.signingPercent')}>
            <InputNumber min={0} max={100} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="signingCap"
            label={t('create.signingCap')}
            rules={[{ required: true, message: t('create.required') }]}
          >
            <Input inputMode="decimal" style={{ width: 200 }} />
          </Form.Item>
        </Flex>
        <ListEditor
          name="stages"
          label={t('create.stages')}
          min={1}
          max={10}
          addText={t('create.addStage')}
          initialRow={blankStage(targets, 60 + 90 * stages.length)}
        >
          {(field, i) => {
            const n = i + 1;
            const kind = stages[i]?.rule?.kind ?? 'top_k';
            return (
              <>
                <Form.Item
                  name={[field.name, 'titleZh']}
                  label={t('create.titleZh', { n })}
                  rules={[{ required: true, message: t('create.required') }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={[field.name, 'titleEn']} label={t('create.titleEn', { n })}>
                  <Input maxLength={300} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'gateAt']}
                  label={t('create.gateAt', { n })}
                  extra={t('create.beijing')}
                  rules={[{ required: true, message: t('create.required') }]}
                >
                  <Input type="datetime-local" style={{ maxWidth: 260 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'targetIds']} label={t('create.targets', { n })}>
                  <Checkbox.Group options={targetOptions} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'evidence']}
                  label={t('create.evidence', { n })}
                  rules={[{ required: true, message: t('create.required') }]}
                >
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
                <Form.Item name={[field.name, 'evidenceRequired']} valuePropName="checked">
                  <Checkbox>{t('teamSide.evidenceRequired')}</Checkbox>
                </Form.Item>
                <Flex wrap gap="middle">
                  <Form.Item
                    name={[field.name, 'scoreSource']}
                    label={t('create.scoreSource', { n })}
                    style={{ minWidth: 220 }}
                  >
                    <Select
                      options={(['manual', 'review_round'] as const).map((k) => ({
                        value: k,
                        label: t(`scoreSources.${k}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'rule', 'kind']}
                    label={t('create.ruleKind', { n })}
                    style={{ minWidth: 220 }}
                  >
                    <Select options={RULE_KINDS.map((k) => ({ value: k, label: t(`create.kinds.${k}`) }))} />
                  </Form.Item>
                  {(kind === 'top_k' || kind === 'top_k_threshold') && (
                    <Form.Item name={[field.name, 'rule', 'k']} label={t('create.k', { n })}>
                      <InputNumber min={1} max={100} precision={0} style={{ width: 120 }} />
                    </Form.Item>
                  )}
                  {(kind === 'threshold' || kind === 'top_k_threshold') && (
                    <Form.Item name={[field.name, 'rule', 'minScore']} label={t('create.minScore', { n })}>
                      <Input inputMode="decimal" style={{ width: 120 }} />
                    </Form.Item>
                  )}
                </Flex>
                <Form.Item name={[field.name, 'tieBreak']} label={t('create.tieBreak', { n })}>
                  <Select
                    options={[
                      { value: 'earlier_submission', label: t('tieBreaks.earlier_submission') },
                      ...targets.map((x) => ({
                        value: `target:${x.id}`,
                        label: around(
                          t('tieBreaks.target', { metric: MARK }),
                          <Verbatim>{x.metric}</Verbatim>,
                        ),
                      })),
                      { value: 'lot', label: t('tieBreaks.lot') },
                    ]}
                  />
                </Form.Item>
                <Flex wrap gap="middle">
                  <Form.Item
                    name={[field.name, 'sharePercent']}
                    label={t('create.share', { n })}
                    rules={[{ required: true, message: t('create.required') }]}
                  >
                    <InputNumber min={0} max={100} precision={0} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'rankWeights']}
                    label={t('create.weights', { n })}
                    extra={t('create.weightsHint')}
                  >
                    <Input style={{ width: 200 }} />
                  </Form.Item>
                </Flex>
              </>
            );
          }}
        </ListEditor>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('create.submit')}
        </Button>
      </Form>
      <Card size="small" style={{ marginTop: 24, maxWidth: 720 }}>
        <Collapse
          ghost
          items={[
            {
              key: 'json',
              label: t('create.advanced'),
              children: (
                <Form
                  layout="vertical"
                  onFinish={() => {
                    let b: RaceBody;
                    try {
                      b = JSON.parse(advanced);
                    } catch (e) {
                      setAdvancedError(String(e));
                      return;
                    }
                    setAdvancedError('');
                    return send(b, (e) => setAdvancedError(errorText(e)));
                  }}
                >
                  <Form.Item
                    label={t('create.json')}
                    htmlFor="race-json"
                    extra={t('create.jsonHint')}
                    validateStatus={advancedError ? 'error' : undefined}
                    help={advancedError || undefined}
                  >
                    <Input.TextArea
                      id="race-json"
                      rows={16}
                      spellCheck={false}
                      value={advanced}
                      onChange={(e) => setAdvanced(e.target.value)}
                      translate="no"
                    />
                  </Form.Item>
                  <Button htmlType="submit" loading={create.isPending}>
                    {t('create.submitJson')}
                  </Button>
                </Form>
              ),
            },
          ]}
        />
      </Card>
    </Page>
  );
}
