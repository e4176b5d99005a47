// The year of the open-sharing figures: this year and the four before it.
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { NS } from '../i18n.ts';

export const thisYear = () => new Date().getFullYear();

export function YearSelect({ value, onChange }: { value: number; onChange: (y: number) => void }) {
  const { t } = useTranslation(NS);
  const now = thisYear();
  return (
    <Select<number>
      aria-label={t('openness.year')}
      value={value}
      onChange={onChange}
      style={{ width: 100 }}
      options={Array.from({ length: 5 }, (_, k) => ({ value: now - k, label: String(now - k) }))}
    />
  );
}
