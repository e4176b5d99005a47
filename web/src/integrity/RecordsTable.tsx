// Integrity records as a table: subject, finding, evidence, decision, sanction and appeal. The
// subject (or an admin of the organisation a record is about) lodges an appeal with its grounds;
// an integrity officer decides a pending one: upheld (the finding stands) or overturned.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SessionView } from '../api.ts';
import { type FormErrorState, TextAreaField, toFormError } from '../forms.tsx';

export interface RecordRow {
  id: string;
  subjectPersonId: string | null;
  subjectOrgId: string | null;
  subjectPerson: { nameZh: string; nameEn: string; email: string } | null;
  subjectOrg: { nameZh: string; nameEn: string } | null;
  findingType: string;
  severity: string;
  evidence: string;
  decision: string;
  appealStatus: string;
  appealGrounds: string;
  appealNote: string;
  sanction: { blocks: string[]; startsOn: string; endsOn: string } | null;
  createdAt: string;
}

export function RecordsTable({
  records,
  session,
  officer,
  onDone,
}: {
  records: RecordRow[];
  session: SessionView;
  officer: boolean;
  onDone: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<FormErrorState>(null);
  const [open, setOpen] = useState<string | null>(null);
  const en = i18n.language === 'en';
  const name = (x: { nameZh: string; nameEn: string }) => (en && x.nameEn) || x.nameZh || x.nameEn;
  const mine = (r: RecordRow) =>
    r.subjectPersonId === session.person?.id ||
    (!!r.subjectOrgId && session.roles.some((x) => x.role === 'admin' && x.orgId === r.subjectOrgId));

  const send = async (e: FormEvent<HTMLFormElement>, r: RecordRow) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const p = `appeal-${r.id}-`;
    setError(null);
    try {
      if (r.appealStatus === 'none')
        await api('POST', `/api/integrity/records/${r.id}/appeal`, { grounds: f.get(`${p}grounds`) });
      else
        await api('POST', `/api/integrity/records/${r.id}/appeal/decision`, {
          decision: submitter?.value === 'overturned' ? 'overturned' : 'upheld',
          note: f.get(`${p}note`),
        });
      setOpen(null);
      await onDone();
    } catch (err) {
      const body = toFormError(err);
      setError({ ...body, field: body.field ? `${p}${body.field}` : undefined });
    }
  };

  if (records.length === 0) return <p>{t('integrity.noRecords')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('integrity.subject')}</th>
          <th scope="col">{t('integrity.findingType')}</th>
          <th scope="col">{t('integrity.evidence')}</th>
          <th scope="col">{t('integrity.decision')}</th>
          <th scope="col">{t('integrity.sanction')}</th>
          <th scope="col">{t('integrity.appeal')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => {
          const canLodge = r.appealStatus === 'none' && mine(r);
          const canDecide = r.appealStatus === 'pending' && officer;
          return (
            <tr key={r.id}>
              <td>
                {r.subjectPerson && (
                  <div>
                    {name(r.subjectPerson)} <small>{r.subjectPerson.email}</small>
                  </div>
                )}
                {r.subjectOrg && <div>{name(r.subjectOrg)}</div>}
              </td>
              <td>
                {t(`integrity.findings.${r.findingType}`)} · {t(`integrity.severities.${r.severity}`)}
              </td>
              <td>{r.evidence}</td>
              <td>{r.decision}</td>
              <td>
                {r.sanction
                  ? `${r.sanction.blocks.map((b) => t(`integrity.blockNames.${b}`)).join('、')} ${r.sanction.startsOn} – ${r.sanction.endsOn}`
                  : '—'}
              </td>
              <td>
                <div>{t(`integrity.appeals.${r.appealStatus}`)}</div>
                {r.appealGrounds && (
                  <div>
                    <small>{t('integrity.grounds')}：</small>
                    {r.appealGrounds}
                  </div>
                )}
                {r.appealNote && (
                  <div>
                    <small>{t('integrity.appealNote')}：</small>
                    {r.appealNote}
                  </div>
                )}
                {(canLodge || canDecide) && open !== r.id && (
                  <button type="button" className="secondary" onClick={() => setOpen(r.id)}>
                    {canLodge ? t('integrity.lodgeAppeal') : t('integrity.decideAppeal')}
                  </button>
                )}
                {(canLodge || canDecide) && open === r.id && (
                  <form onSubmit={(e) => send(e, r)} noValidate>
                    {canLodge ? (
                      <>
                        <TextAreaField
                          label={t('integrity.grounds')}
                          name={`appeal-${r.id}-grounds`}
                          rows={3}
                          error={error}
                        />
                        <button type="submit">{t('integrity.submitAppeal')}</button>
                      </>
                    ) : (
                      <>
                        <TextAreaField
                          label={t('integrity.appealNote')}
                          name={`appeal-${r.id}-note`}
                          rows={2}
                          error={error}
                        />
                        <div className="actions">
                          <button type="submit" value="upheld">
                            {t('integrity.uphold')}
                          </button>
                          <button type="submit" value="overturned" className="secondary">
                            {t('integrity.overturn')}
                          </button>
                        </div>
                      </>
                    )}
                  </form>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
