// A state as a coloured tag with its label in the reader's language (the code stays in the API).
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { NS } from '../i18n.ts';

const COLOUR: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  rejected: 'error',
  published: 'success',
  evaluating: 'processing',
  notice: 'warning',
  awarded: 'success',
  cancelled: 'default',
  withdrawn: 'default',
  selected: 'purple',
  not_selected: 'default',
  drafting: 'warning',
  active: 'processing',
  accepted: 'success',
  honest_failure: 'default',
  misconduct: 'error',
};

export function StateTag({
  scope,
  state,
}: {
  scope: 'challengeState' | 'bidState' | 'taskBookState';
  state: string;
}) {
  const { t } = useTranslation(NS);
  return (
    <Tag color={COLOUR[state] ?? 'default'} data-state={state}>
      {t(`${scope}.${state}`, { defaultValue: state })}
    </Tag>
  );
}
