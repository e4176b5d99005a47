// Funding home: the funds the person manages (open one, for an agency organizer), the funded
// awards they organise or belong to, and the form that funds a task book.
import './i18n.ts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api.ts';
import { parseYuan, pick, yuan } from '../challenges/format.ts';
import { ErrorBanner, Field, type FormErrorState, SelectField, toFormError } from '../forms.tsx';
import { useSession } from '../session.tsx';
import { RulesForm } from './RulesForm.tsx';
import type { AwardSummary, FundSummary } from './types.ts';

export function FundingPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const [funds, setFunds] = useState<FundSummary[] | null>(null);
  const [awards, setAwards] = useState<AwardSummary[] | null>(null);
  const agencies = (session?.roles ?? []).filter((r) => r.role === 'organizer');
  const load = useCallback(async () => {
    setFunds(await api<FundSummary[]>('GET', '/api/funding/funds'));
    setAwards(await api<AwardSummary[]>('GET', '/api/funding/awards'));
  }, []);
  useEffect(() => {
    load().catch(() => {});
  }, [load]);

  const [fundError, setFundError] = useState<FormErrorState>(null);
  const [fundForm, setFundForm] = useState({
    orgId: '',
    nameZh: '',
    nameEn: '',
    fiscalYear: String(new Date().getFullYear()),
  });
  const createFund = async (e: FormEvent) => {
    e.preventDefault();
    setFundError(null);
    try {
      const f = await api<{ id: string }>('POST', '/api/funding/funds', {
        kind: 'programme',
        orgId: fundForm.orgId || agencies[0]?.orgId,
        nameZh: fundForm.nameZh,
        nameEn: fundForm.nameEn,
        fiscalYear: Number(fundForm.fiscalYear),
      });
      navigate(`/funding/funds/${f.id}`);
    } catch (err) {
      setFundError(toFormError(err));
    }
  };

  const [awardError, setAwardError] = useState<FormErrorState>(null);
  const [awardForm, setAwardForm] = useState({ taskBookId: '', fundId: '', cofund: '0', total: '' });
  const programmeFunds = (funds ?? []).filter((f) => f.kind === 'programme' && f.canManage);
  const commit = async (e: FormEvent) => {
    e.preventDefault();
    setAwardError(null);
    const total = parseYuan(awardForm.total);
    const cofund = parseYuan(awardForm.cofund || '0');
    if (total === null)
      return setAwardError({
        code: 'VALIDATION',
        message: t('funding.budgetTotal'),
        field: 'budget.totalFen',
      });
    if (cofund === null)
      return setAwardError({ code: 'VALIDATION', message: t('funding.cofund'), field: 'cofundFen' });
    try {
      const a = await api<{ id: string }>('POST', '/api/funding/awards', {
        taskBookId: awardForm.taskBookId.trim(),
        fundId: awardForm.fundId || programmeFunds[0]?.id,
        cofundFen: cofund,
        budget: { mode: 'lump_sum', totalFen: total },
      });
      navigate(`/funding/awards/${a.id}`);
    } catch (err) {
      setAwardError(toFormError(err));
    }
  };

  return (
    <>
      <h1>{t('funding.title')}</h1>
      <section aria-labelledby="funds-h">
        <h2 id="funds-h">{t('funding.funds')}</h2>
        {funds && funds.length === 0 && <p>{t('funding.noFunds')}</p>}
        {funds && funds.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('funding.name')}</th>
                <th scope="col">{t('funding.year')}</th>
                <th scope="col" className="num">
                  {t('funding.appropriated')}
                </th>
                <th scope="col" className="num">
                  {t('funding.available')}
                </th>
                <th scope="col" className="num">
                  {t('funding.committed')}
                </th>
                <th scope="col" className="num">
                  {t('funding.spent')}
                </th>
              </tr>
            </thead>
            <tbody>
              {funds.map((f) => (
                <tr key={f.id}>
                  <td>
                    <Link to={`/funding/funds/${f.id}`}>{pick(i18n.language, f.nameZh, f.nameEn)}</Link>
                  </td>
                  <td>{f.fiscalYear}</td>
                  <td className="num">{yuan(f.appropriatedFen)}</td>
                  <td className="num">{yuan(f.availableFen)}</td>
                  <td className="num">{yuan(f.committedFen)}</td>
                  <td className="num">{yuan(f.spentFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="awards-h">
        <h2 id="awards-h">{t('funding.awards')}</h2>
        {awards && awards.length === 0 && <p>{t('funding.noAwards')}</p>}
        {awards && awards.length > 0 && (
          <ul>
            {awards.map((a) => (
              <li key={a.id}>
                <Link to={`/funding/awards/${a.id}`}>
                  {pick(i18n.language, a.challengeTitleZh, a.challengeTitleEn)}
                </Link>{' '}
                · ¥{yuan(a.amountFen)} · {t(`funding.states.${a.state}`)}
              </li>
            ))}
          </ul>
        )}
      </section>
      {agencies.length > 0 && (
        <>
          <section aria-labelledby="newfund-h">
            <h2 id="newfund-h">{t('funding.newFund')}</h2>
            <form onSubmit={createFund} noValidate>
              <ErrorBanner error={fundError} />
              <SelectField
                label={t('funding.agency')}
                name="orgId"
                error={fundError}
                value={fundForm.orgId || agencies[0]?.orgId}
                onChange={(e) => setFundForm((f) => ({ ...f, orgId: e.target.value }))}
                options={agencies.map((a) => ({ value: a.orgId, label: a.orgName }))}
              />
              <Field
                label={t('funding.nameZh')}
                name="nameZh"
                error={fundError}
                value={fundForm.nameZh}
                onChange={(e) => setFundForm((f) => ({ ...f, nameZh: e.target.value }))}
              />
              <Field
                label={t('funding.nameEn')}
                name="nameEn"
                error={fundError}
                value={fundForm.nameEn}
                onChange={(e) => setFundForm((f) => ({ ...f, nameEn: e.target.value }))}
              />
              <Field
                label={t('funding.year')}
                name="fiscalYear"
                error={fundError}
                inputMode="numeric"
                value={fundForm.fiscalYear}
                onChange={(e) => setFundForm((f) => ({ ...f, fiscalYear: e.target.value }))}
              />
              <button type="submit">{t('funding.create')}</button>
            </form>
          </section>
          <RulesForm />
          {programmeFunds.length > 0 && (
            <section aria-labelledby="fundaward-h">
              <h2 id="fundaward-h">{t('funding.fundAward')}</h2>
              <form onSubmit={commit} noValidate>
                <ErrorBanner error={awardError} />
                <Field
                  label={t('funding.taskBookId')}
                  name="taskBookId"
                  error={awardError}
                  value={awardForm.taskBookId}
                  onChange={(e) => setAwardForm((f) => ({ ...f, taskBookId: e.target.value }))}
                />
                <SelectField
                  label={t('funding.fund')}
                  name="fundId"
                  error={awardError}
                  value={awardForm.fundId || programmeFunds[0]?.id}
                  onChange={(e) => setAwardForm((f) => ({ ...f, fundId: e.target.value }))}
                  options={programmeFunds.map((f) => ({
                    value: f.id,
                    label: `${pick(i18n.language, f.nameZh, f.nameEn)} (¥${yuan(f.availableFen)})`,
                  }))}
                />
                <Field
                  label={t('funding.budgetTotal')}
                  name="budget.totalFen"
                  error={awardError}
                  inputMode="decimal"
                  value={awardForm.total}
                  onChange={(e) => setAwardForm((f) => ({ ...f, total: e.target.value }))}
                />
                <Field
                  label={t('funding.cofund')}
                  name="cofundFen"
                  error={awardError}
                  inputMode="decimal"
                  value={awardForm.cofund}
                  onChange={(e) => setAwardForm((f) => ({ ...f, cofund: e.target.value }))}
                />
                <button type="submit">{t('funding.commit')}</button>
              </form>
            </section>
          )}
        </>
      )}
    </>
  );
}
