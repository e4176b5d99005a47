// Referrals of misconduct found at acceptance: the officer opens a record from one (its summary
// becomes the evidence) or dismisses it with a reason. Every load of this list is logged.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { Field, type FormErrorState, SelectField, TextAreaField, toFormError } from '../forms.tsx';

export interface Referral {
  id: string;
  state: string;
  sourceType: string;
  sourceId: string;
  challenge: { id: string; titleZh: string; titleEn: string } | null;
  subjectPerson: { id: string; nameZh: string; nameEn: string; email: string } | null;
  subjectOrg: { id: string; nameZh: string; nameEn: string } | null;
  summary: string;
  createdAt: string;
}

export const FINDINGS = [
  'duplicate_submission',
  'plagiarism',
  'fabrication',
  'falsification',
  'misuse_of_funds',
  'ethics_violation',
  'other',
];
export const SEVERITIES = ['minor', 'serious', 'grave'];

export function Referrals({ referrals, onDone }: { referrals: Referral[]; onDone: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<FormErrorState>(null);
  const en = i18n.language === 'en';
  const name = (x: { nameZh: string; nameEn: string } | null) => (x ? (en && x.nameEn) || x.nameZh : '—');

  const submit = async (e: FormEvent<HTMLFormElement>, r: Referral) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const outcome = submitter?.value === 'dismissed' ? 'dismissed' : 'record';
    const p = `ref-${r.id}-`;
    setError(null);
    try {
      await api(
        'POST',
        `/api/integrity/referrals/${r.id}/decision`,
        outcome === 'dismissed'
          ? { outcome, reason: f.get(`${p}reason`) }
          : {
              outcome,
              reason: f.get(`${p}reason`),
              findingType: f.get(`${p}findingType`),
              severity: f.get(`${p}severity`),
              decision: f.get(`${p}decision`),
            },
      );
      await onDone();
    } catch (err) {
      const body = toFormError(err);
      setError({ ...body, field: body.field ? `${p}${body.field}` : undefined });
    }
  };

  return (
    <>
      <h2>{t('integrity.referrals')}</h2>
      {referrals.length === 0 && <p>{t('integrity.noReferrals')}</p>}
      {referrals.map((r) => (
        <article
          key={r.id}
          className="referral"
          aria-label={t('integrity.referralOf', { name: name(r.subjectPerson) })}
        >
          <h3>{t('integrity.referralOf', { name: name(r.subjectPerson) })}</h3>
          <dl>
            <dt>{t('integrity.subjectOrg')}</dt>
            <dd>{name(r.subjectOrg)}</dd>
            <dt>{t('integrity.source')}</dt>
            <dd>
              {r.challenge ? (
                <Link to={`/challenges/${r.challenge.id}`}>
                  {(en && r.challenge.titleEn) || r.challenge.titleZh}
                </Link>
              ) : (
                r.sourceType
              )}{' '}
              {new Date(r.createdAt).toISOString().slice(0, 10)}
            </dd>
            <dt>{t('integrity.summary')}</dt>
            <dd>{r.summary}</dd>
          </dl>
          <form onSubmit={(e) => submit(e, r)} noValidate>
            <div className="grid">
              <SelectField
                label={t('integrity.findingType')}
                name={`ref-${r.id}-findingType`}
                error={error}
                options={FINDINGS.map((x) => ({ value: x, label: t(`integrity.findings.${x}`) }))}
              />
              <SelectField
                label={t('integrity.severity')}
                name={`ref-${r.id}-severity`}
                error={error}
                options={SEVERITIES.map((x) => ({ value: x, label: t(`integrity.severities.${x}`) }))}
              />
            </div>
            <TextAreaField
              label={t('integrity.decision')}
              name={`ref-${r.id}-decision`}
              rows={2}
              error={error}
            />
            <Field label={t('integrity.referralReason')} name={`ref-${r.id}-reason`} error={error} />
            <div className="actions">
              <button type="submit" value="record">
                {t('integrity.openRecord')}
              </button>
              <button type="submit" value="dismissed" className="secondary">
                {t('integrity.dismissReferral')}
              </button>
            </div>
          </form>
        </article>
      ))}
    </>
  );
}
