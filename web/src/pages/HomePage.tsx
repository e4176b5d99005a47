import { useTranslation } from 'react-i18next';
import { useSession } from '../session.tsx';

export function HomePage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const p = session?.person;
  return (
    <section>
      <h1>
        {p
          ? t('home.welcome', { name: i18n.language === 'en' ? p.nameEn || p.nameZh : p.nameZh || p.nameEn })
          : t('app.tagline')}
      </h1>
      {!p && <p>{t('home.anonymous')}</p>}
      {p && (
        <>
          <h2>{t('home.yourRoles')}</h2>
          {session.roles.length === 0 ? (
            <p>{t('home.noRoles')}</p>
          ) : (
            <ul className="roles">
              {session.roles.map((r) => (
                <li key={`${r.orgId}-${r.role}`}>
                  <strong>{t(`roles.${r.role}`)}</strong> · {r.orgName}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <h2>{t('home.mechanisms')}</h2>
      <ul>
        {(['m1', 'm2', 'm3', 'm4', 'm5'] as const).map((k) => (
          <li key={k}>{t(`home.${k}`)}</li>
        ))}
      </ul>
    </section>
  );
}
