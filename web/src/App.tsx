// The shell: skip link, role-aware navigation, language switch, and the routes.
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Route, Routes, useNavigate } from 'react-router';
import { api } from './api.ts';
import { BidEditPage } from './challenges/BidEditPage.tsx';
import { BidPage } from './challenges/BidPage.tsx';
import { ChallengeDetailPage } from './challenges/ChallengeDetailPage.tsx';
import { ChallengeEditPage } from './challenges/ChallengeEditPage.tsx';
import { ChallengeListPage } from './challenges/ChallengeListPage.tsx';
import { MyBidsPage } from './challenges/MyBidsPage.tsx';
import { MyChallengesPage } from './challenges/MyChallengesPage.tsx';
import { TaskBookPage } from './challenges/TaskBookPage.tsx';
import { EthicsPage } from './ethics/EthicsPage.tsx';
import { AssignmentPage } from './evaluation/AssignmentPage.tsx';
import { ExpertPoolPage } from './evaluation/ExpertPoolPage.tsx';
import { RankingPage } from './evaluation/RankingPage.tsx';
import { ReviewItemPage } from './evaluation/ReviewItemPage.tsx';
import { ReviewQueuePage } from './evaluation/ReviewQueuePage.tsx';
import { RoundEditorPage, RoundListPage } from './evaluation/RoundEditorPage.tsx';
import { AwardPage } from './funding/AwardPage.tsx';
import { FundingPage } from './funding/FundingPage.tsx';
import { FundPage } from './funding/FundPage.tsx';
import type { LANGS } from './i18n/index.ts';
import { IntegrityPage } from './integrity/IntegrityPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage, RegisterPage } from './pages/LoginPage.tsx';
import { MembershipsPage } from './pages/MembershipsPage.tsx';
import { OrganisationsPage } from './pages/OrganisationsPage.tsx';
import { PolicyPage } from './pages/PolicyPage.tsx';
import { ProfilePage } from './pages/ProfilePage.tsx';
import { RaceListPage } from './pages/RaceListPage.tsx';
import { RacePage } from './pages/RacePage.tsx';
import { hasRole, showsArea, useSession } from './session.tsx';

export function App() {
  const { t, i18n } = useTranslation();
  const { session, refresh, chooseLanguage } = useSession();
  const navigate = useNavigate();
  const person = session?.person;

  const logout = async () => {
    await api('POST', '/api/auth/logout');
    await refresh();
    navigate('/');
  };

  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header>
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label="main">
          <NavLink to="/">{t('nav.home')}</NavLink>
          <NavLink to="/challenges" end>
            {t('nav.challenges')}
          </NavLink>
          {hasRole(session, 'proposer', 'organizer') && (
            <NavLink to="/challenges/mine">{t('nav.myChallenges')}</NavLink>
          )}
          <NavLink to="/races">{t('nav.races')}</NavLink>
          {showsArea(session, 'funding') && <NavLink to="/funding">{t('nav.funding')}</NavLink>}
          {hasRole(session, 'solver') && <NavLink to="/bids/mine">{t('nav.myBids')}</NavLink>}
          {person && <NavLink to="/profile">{t('nav.profile')}</NavLink>}
          <NavLink to="/organisations">{t('nav.organisations')}</NavLink>
          {person && <NavLink to="/roles">{t('nav.roles')}</NavLink>}
          {showsArea(session, 'policy') && <NavLink to="/policy">{t('nav.policy')}</NavLink>}
          {showsArea(session, 'integrity') && <NavLink to="/integrity">{t('integrity.title')}</NavLink>}
          {showsArea(session, 'ethics') && <NavLink to="/ethics">{t('ethics.title')}</NavLink>}
          {showsArea(session, 'reviews') && <NavLink to="/reviews">{t('review.nav')}</NavLink>}
          {hasRole(session, 'organizer', 'admin') && (
            <NavLink to="/evaluation/experts">{t('nav.experts')}</NavLink>
          )}
          {hasRole(session, 'admin', 'integrity_officer') && <NavLink to="/audit">{t('nav.audit')}</NavLink>}
          <a href="/api/docs">{t('nav.apiDocs')}</a>
        </nav>
        <div className="tools">
          <label htmlFor="lang" className="sr-only">
            {t('app.language')}
          </label>
          <select
            id="lang"
            value={i18n.language}
            onChange={(e) => void chooseLanguage(e.target.value as (typeof LANGS)[number])}
          >
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
          {person ? (
            <>
              <span className="who">
                {i18n.language === 'en' ? person.nameEn || person.nameZh : person.nameZh || person.nameEn}
              </span>
              <button type="button" onClick={logout}>
                {t('nav.logout')}
              </button>
            </>
          ) : (
            <>
              <NavLink to="/login">{t('nav.login')}</NavLink>
              <NavLink to="/register">{t('nav.register')}</NavLink>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {session === null ? (
          <p aria-busy="true">{t('common.loading')}</p>
        ) : (
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/register" element={<RegisterPage />} />
            <Route path="/profile" element={<ProfilePage />} />
            <Route path="/organisations" element={<OrganisationsPage />} />
            <Route path="/roles" element={<MembershipsPage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/integrity" element={<IntegrityPage />} />
            <Route path="/ethics" element={<EthicsPage />} />
            <Route path="/policy" element={<PolicyPage />} />
            <Route path="/challenges" element={<ChallengeListPage />} />
            <Route path="/challenges/new" element={<ChallengeEditPage />} />
            <Route path="/challenges/mine" element={<MyChallengesPage />} />
            <Route path="/challenges/:id" element={<ChallengeDetailPage />} />
            <Route path="/challenges/:id/edit" element={<ChallengeEditPage />} />
            <Route path="/challenges/:id/bid" element={<BidEditPage />} />
            <Route path="/bids/mine" element={<MyBidsPage />} />
            <Route path="/bids/:id" element={<BidPage />} />
            <Route path="/task-books/:id" element={<TaskBookPage />} />
            <Route path="/races" element={<RaceListPage />} />
            <Route path="/races/:id" element={<RacePage />} />
            <Route path="/funding" element={<FundingPage />} />
            <Route path="/funding/funds/:id" element={<FundPage />} />
            <Route path="/funding/awards/:id" element={<AwardPage />} />
            <Route path="/reviews" element={<ReviewQueuePage />} />
            <Route path="/reviews/:roundId/:bidId" element={<ReviewItemPage />} />
            <Route path="/review-rounds/:roundId/ranking" element={<RankingPage />} />
            <Route path="/evaluation/experts" element={<ExpertPoolPage />} />
            <Route path="/evaluation/rounds" element={<RoundListPage />} />
            <Route path="/evaluation/rounds/new" element={<RoundEditorPage />} />
            <Route path="/evaluation/rounds/:roundId/edit" element={<RoundEditorPage />} />
            <Route path="/evaluation/rounds/:roundId/assignment" element={<AssignmentPage />} />
            <Route
              path="*"
              element={
                <p>
                  {t('common.notFound')} — <Link to="/">{t('common.back')}</Link>
                </p>
              }
            />
          </Routes>
        )}
      </main>
    </>
  );
}
