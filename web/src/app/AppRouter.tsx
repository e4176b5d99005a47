// Every feature's routes inside the shell; older pages inside the older styles' scope.
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { ROUTES } from './features.ts';
import { NS } from './i18n.ts';
import { Shell } from './Shell.tsx';

function NotFound() {
  const { t } = useTranslation(NS);
  return (
    <p>
      {t('notFound')} — <Link to="/">{t('back')}</Link>
    </p>
  );
}

export function AppRouter() {
  return (
    <Routes>
      <Route element={<Shell />}>
        {ROUTES.map(({ path, page: Page, legacy }) => (
          <Route
            key={path}
            path={path}
            element={
              legacy ? (
                <div className="legacy">
                  <Page />
                </div>
              ) : (
                <Page />
              )
            }
          />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
