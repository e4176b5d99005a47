// The organizer's form for a call's funding rules: budget mode, indirect-cost cap, surplus rule and
// the negative list (one item a line: code | 中文 | English | keyword, keyword…).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import {
  ErrorBanner,
  Field,
  type FormErrorState,
  Notice,
  SelectField,
  TextAreaField,
  toFormError,
} from '../forms.tsx';

interface Item {
  code: string;
  labelZh: string;
  labelEn: string;
  keywords: string[];
}
interface Rules {
  budgetMode: string;
  indirectCapPct: number;
  surplus: string;
  negativeList: Item[];
}

const toText = (list: Item[]) =>
  list.map((i) => [i.code, i.labelZh, i.labelEn, i.keywords.join(', ')].join(' | ')).join('\n');
const fromText = (text: string): Item[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [code = '', labelZh = '', labelEn = '', kw = ''] = l.split('|').map((x) => x.trim());
      return {
        code,
        labelZh,
        labelEn,
        keywords: kw
          .split(/[,，]/)
          .map((k) => k.trim())
          .filter(Boolean),
      };
    });

export function RulesForm() {
  const { t } = useTranslation();
  const [challengeId, setChallengeId] = useState('');
  const [rules, setRules] = useState<Rules | null>(null);
  const [list, setList] = useState('');
  const [error, setError] = useState<FormErrorState>(null);
  const [saved, setSaved] = useState(false);
  const load = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const r = await api<Rules>('GET', `/api/funding/calls/${challengeId.trim()}/rules`);
      setRules(r);
      setList(toText(r.negativeList));
    } catch (err) {
      setError(toFormError(err));
    }
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!rules) return;
    setError(null);
    setSaved(false);
    try {
      const r = await api<Rules>('PUT', `/api/funding/calls/${challengeId.trim()}/rules`, {
        budgetMode: rules.budgetMode,
        indirectCapPct: Number(rules.indirectCapPct),
        surplus: rules.surplus,
        negativeList: fromText(list),
      });
      setRules(r);
      setList(toText(r.negativeList));
      setSaved(true);
    } catch (err) {
      setError(toFormError(err));
    }
  };
  return (
    <section aria-labelledby="rules-h">
      <h2 id="rules-h">{t('funding.rules')}</h2>
      <ErrorBanner error={error} />
      {saved && <Notice>{t('funding.done')}</Notice>}
      <form onSubmit={load} noValidate>
        <Field
          label={t('funding.challengeId')}
          name="challengeId"
          error={error}
          value={challengeId}
          onChange={(e) => setChallengeId(e.target.value)}
        />
        <button type="submit">{t('funding.loadRules')}</button>
      </form>
      {rules && (
        <form onSubmit={save} noValidate>
          <SelectField
            label={t('funding.budgetMode')}
            name="budgetMode"
            error={error}
            value={rules.budgetMode}
            onChange={(e) => setRules({ ...rules, budgetMode: e.target.value })}
            options={[
              { value: 'lump_sum', label: t('funding.lumpSum') },
              { value: 'categorised', label: t('funding.categorised') },
            ]}
          />
          <Field
            label={t('funding.indirectCapPct')}
            name="indirectCapPct"
            error={error}
            inputMode="numeric"
            value={String(rules.indirectCapPct)}
            onChange={(e) => setRules({ ...rules, indirectCapPct: Number(e.target.value) })}
          />
          <SelectField
            label={t('funding.surplusRule')}
            name="surplus"
            error={error}
            value={rules.surplus}
            onChange={(e) => setRules({ ...rules, surplus: e.target.value })}
            options={[
              { value: 'retain_if_accepted', label: t('funding.surplus.retain_if_accepted') },
              { value: 'return', label: t('funding.surplus.return') },
            ]}
          />
          <TextAreaField
            label={t('funding.negativeList')}
            name="negativeList"
            error={error}
            hint={t('funding.negativeListHint')}
            rows={7}
            value={list}
            onChange={(e) => setList(e.target.value)}
          />
          <button type="submit">{t('funding.saveRules')}</button>
        </form>
      )}
    </section>
  );
}
