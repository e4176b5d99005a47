// Which dispatching agency a page shows: agency staff choose among their own agencies, analysts
// and the platform admin among all of them. The select shows only when there is a choice.
import { Select } from 'antd';
import { useState } from 'react';
import { nameIn } from '../../../lib/i18n.ts';
import { useSession } from '../../../session.tsx';
import { useAgencies } from '../api.ts';

export function useAgencyChoice(lang: string) {
  const { session } = useSession();
  const roles = session?.roles ?? [];
  const own = [
    ...new Map(
      roles
        .filter((r) => (r.role === 'organizer' || r.role === 'admin') && r.orgKind === 'agency')
        .map((r) => [r.orgId, r]),
    ).values(),
  ];
  const platformAdmin = roles.some((r) => r.role === 'admin' && r.orgKind === 'platform');
  const readsAll = platformAdmin || roles.some((r) => r.role === 'analyst');
  const all = useAgencies();
  const options = readsAll
    ? (all.data ?? []).map((a) => ({ value: a.id, label: nameIn(lang, a.nameZh, a.nameEn) }))
    : own.map((a) => ({ value: a.orgId, label: a.orgName }));
  const [picked, setPicked] = useState<string | undefined>();
  const agencyId = picked ?? own[0]?.orgId ?? options[0]?.value;
  const staffOf = (id: string | undefined) => !!id && (own.some((a) => a.orgId === id) || platformAdmin);
  return { agencyId, setAgencyId: setPicked, options, isStaff: staffOf(agencyId) };
}

export function AgencySelect({
  value,
  onChange,
  options,
  label,
}: {
  value: string | undefined;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  label: string;
}) {
  if (options.length < 2) return null;
  return (
    <Select
      aria-label={label}
      value={value}
      onChange={onChange}
      options={options}
      style={{ minWidth: 220 }}
    />
  );
}
