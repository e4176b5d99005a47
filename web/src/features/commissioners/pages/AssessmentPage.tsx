// The annual assessment: the agency sets its thresholds per grade and runs the year; each
// commissioner's hours, confirmed visits, demands resolved, mean rating and grade, exported as
// CSV/XLSX. A commissioner graded 不合格 is not dispatched the next year. Analysts read it.
import { Alert, Card, Col, Flex, Form, InputNumber, message, Row, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { PlainTable } from '../../../components/PlainTable.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { beijingToday, dateTime } from '../../../lib/format.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { type Assessment, type AssessmentBody, useAssessment, useRunAssessment } from '../api.ts';
import { AgencySelect, useAgencyChoice } from '../components/AgencyChoice.tsx';
import { NS } from '../i18n.ts';

type Item = Assessment['items'][number];
type Rule = AssessmentBody['rule'];
const LEVELS = ['excellent', 'qualified', 'basic'] as const;
const CRITERIA = ['hours', 'visits', 'resolved', 'rating'] as const;
const GRADE_COLOR = { excellent: 'green', qualified: 'blue', basic: 'gold', unqualified: 'red' } as const;

export function AssessmentPage() {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const choice = useAgencyChoice(lang);
  const thisYear = Number(beijingToday().slice(0, 4));
  const [year, setYear] = useState(thisYear - 1);
  const result = useAssessment(choice.agencyId, year);
  const run = useRunAssessment();
  const [form] = Form.useForm<{ rule: Rule }>();
  const shown = result.data;
  useEffect(() => {
    if (shown) form.setFieldsValue({ rule: shown.rule ?? shown.defaultRule });
  }, [shown, form]);
  const onRun = async () => {
    let values: { rule: Rule };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await run.mutateAsync({ agencyId: choice.agencyId!, year, rule: values.rule });
      message.success(t('assess.done', { year }));
    } catch (e) {
      if (!showFieldError(form, e)) message.error(errorText(e));
    }
  };
  const grade = (g: Item['grade']) => <Tag color={GRADE_COLOR[g]}>{t(`grades.${g}`)}</Tag>;
  const exportHref = (format: 'xlsx') =>
    `/api/commissioner-assessments/export?agencyId=${choice.agencyId}&year=${year}&format=${format}`;
  return (
    <Page title={t('assess.title')} subtitle={t('assess.intro')}>
      <Flex wrap gap="small" style={{ marginBottom: 16 }}>
        <AgencySelect
          label={t('assess.agency')}
          value={choice.agencyId}
          onChange={choice.setAgencyId}
          options={choice.options}
        />
        <Select
          aria-label={t('assess.year')}
          value={year}
          onChange={setYear}
          options={[0, 1, 2, 3, 4].map((k) => ({
            value: thisYear - k,
            label: t('assess.yearLabel', { year: thisYear - k }),
          }))}
          style={{ minWidth: 120 }}
        />
      </Flex>
      {choice.isStaff && (
        <Card size="small" title={t('assess.rule')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('assess.ruleHint')}</Typography.Paragraph>
          <Form form={form} layout="vertical" requiredMark={false}>
            {LEVELS.map((level) => (
              <div key={level}>
                <Typography.Text strong>{t(`grades.${level}`)}</Typography.Text>
                <Row gutter={12}>
                  {CRITERIA.map((c) => (
                    <Col xs={12} md={6} key={c}>
                      <Form.Item
                        name={['rule', level, c]}
                        label={t(`assess.criteria.${c}`)}
                        rules={[{ required: true, message: t('assess.required') }]}
                      >
                        <InputNumber
                          min={0}
                          max={c === 'rating' ? 5 : c === 'hours' ? 2000 : 1000}
                          step={c === 'rating' ? 0.1 : c === 'hours' ? 0.5 : 1}
                          precision={c === 'visits' || c === 'resolved' ? 0 : undefined}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              </div>
            ))}
            <ConfirmButton
              type="primary"
              effect={t('assess.runEffect', { year, next: year + 1 })}
              onConfirm={onRun}
            >
              {shown?.assessedAt ? t('assess.rerun', { year }) : t('assess.run', { year })}
            </ConfirmButton>
          </Form>
        </Card>
      )}
      {shown && shown.items.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('assess.assessedAt', { at: dateTime(shown.assessedAt, lang) })}
          description={t('assess.consequence', { next: year + 1 })}
        />
      )}
      <Card
        size="small"
        title={t('assess.results', { year })}
        extra={
          shown && shown.items.length > 0 ? (
            <ExportButton<Item>
              filename={`commissioner-assessment-${year}`}
              rows={async () => shown.items}
              xlsxHref={exportHref('xlsx')}
              columns={[
                {
                  title: t('registry.name'),
                  value: (r) => nameIn(lang, r.commissioner.nameZh, r.commissioner.nameEn),
                },
                { title: t('registry.homeOrg'), value: (r) => r.commissioner.homeOrg },
                { title: t('assess.criteria.hours'), value: (r) => r.hours },
                { title: t('assess.criteria.visits'), value: (r) => r.visits },
                { title: t('assess.criteria.resolved'), value: (r) => r.resolved },
                { title: t('assess.criteria.rating'), value: (r) => r.rating ?? '' },
                { title: t('assess.grade'), value: (r) => t(`grades.${r.grade}`) },
              ]}
            />
          ) : null
        }
      >
        <PlainTable<Item>
          label={t('assess.results', { year })}
          loading={result.isLoading}
          rowKey={(r) => r.commissioner.id}
          dataSource={shown?.items ?? []}
          locale={{ emptyText: t('assess.none', { year }) }}
          columns={[
            {
              title: t('registry.name'),
              key: 'name',
              render: (_, r) => (
                <>
                  <PersonName zh={r.commissioner.nameZh} en={r.commissioner.nameEn} />
                  <div>
                    <Typography.Text type="secondary">{r.commissioner.homeOrg}</Typography.Text>
                  </div>
                </>
              ),
            },
            { title: t('assess.criteria.hours'), key: 'hours', align: 'right', render: (_, r) => r.hours },
            { title: t('assess.criteria.visits'), key: 'visits', align: 'right', render: (_, r) => r.visits },
            {
              title: t('assess.criteria.resolved'),
              key: 'resolved',
              align: 'right',
              render: (_, r) => r.resolved,
            },
            {
              title: t('assess.criteria.rating'),
              key: 'rating',
              align: 'right',
              render: (_, r) => (r.rating === null ? '—' : r.rating.toFixed(2)),
            },
            { title: t('assess.grade'), key: 'grade', render: (_, r) => grade(r.grade) },
          ]}
        />
      </Card>
    </Page>
  );
}
