// The layout every page sits in: header (menu button below 768 px, brand, language, inbox,
// user menu), the role-aware grouped menu (side bar, or a drawer on phones), and the page.
import { BellOutlined, GlobalOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps, Spin } from 'antd';
import { Component, type ReactNode, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ApiError, client, ok } from '../api/client.ts';
import { api } from '../api.ts';
import { sees } from '../lib/feature.tsx';
import { currentLang, type Lang, nameIn } from '../lib/i18n.ts';
import { useSession } from '../session.tsx';
import { MENU, USER_MENU } from './features.ts';
import { NS } from './i18n.ts';

const LANG_NAMES: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };

/** The menu entries this person sees, as antd Menu items (groups of two or more entries). */
function useMenuItems(): { items: MenuProps['items']; paths: Map<string, string> } {
  const { t } = useTranslation(NS);
  const { session } = useSession();
  const signedIn = !!session?.person;
  const roles = useMemo(() => session?.roles.map((r) => r.role) ?? [], [session]);
  return useMemo(() => {
    const paths = new Map<string, string>();
    const items: MenuProps['items'] = [];
    for (const { group, entries } of MENU) {
      const shown = entries.filter((e) => sees(e.roles, signedIn, roles));
      if (shown.length === 0) continue;
      const children = shown.map((e) => {
        if (!e.external) paths.set(e.key, e.path);
        return {
          key: e.key,
          label: e.external ? <a href={e.path}>{t(e.label)}</a> : <Link to={e.path}>{t(e.label)}</Link>,
        };
      });
      // A group of one entry is that entry: its heading would only repeat it ('Races' over 'Races').
      if (group === 'home' || children.length === 1) items.push(...children);
      else items.push({ type: 'group', key: `g-${group}`, label: t(`group.${group}`), children });
    }
    return { items, paths };
  }, [t, signedIn, roles]);
}

/** The entry whose path is the longest prefix of the current location. */
function selectedKey(paths: Map<string, string>, pathname: string): string[] {
  let best: [string, number] | null = null;
  for (const [key, path] of paths) {
    const hit = path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
    if (hit && (!best || path.length > best[1])) best = [key, path.length];
  }
  return best ? [best[0]] : [];
}

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation(NS);
  const { items, paths } = useMenuItems();
  const { pathname } = useLocation();
  return (
    <nav aria-label={t('nav')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selectedKey(paths, pathname)}
        onClick={onNavigate}
        style={{ borderInlineEnd: 'none' }}
      />
    </nav>
  );
}

function LanguageSwitch() {
  const { t } = useTranslation(NS);
  const { chooseLanguage } = useSession();
  const lang = currentLang();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [lang],
        items: (Object.keys(LANG_NAMES) as Lang[]).map((l) => ({ key: l, label: LANG_NAMES[l], lang: l })),
        onClick: ({ key }) => void chooseLanguage(key as Lang),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('languageNow', { lang: LANG_NAMES[lang] })}>
        <span className="shell-wide">{LANG_NAMES[lang]}</span>
      </Button>
    </Dropdown>
  );
}

/** The inbox bell with the unread count (signed-in people; hidden where the server has no inbox). */
function InboxBell() {
  const { t } = useTranslation(NS);
  const { session } = useSession();
  const unread = useQuery({
    queryKey: ['notifications', 'unread-count'],
    // A server without the inbox answers 404: no bell then.
    queryFn: () =>
      ok(client.GET('/api/notifications/unread-count')).catch((e) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    enabled: !!session?.person,
    refetchInterval: 60_000,
    retry: false,
  });
  if (!session?.person || !unread.data) return null;
  const count = unread.data.count;
  return (
    <Link to="/inbox" aria-label={count ? t('inboxUnread', { count }) : t('inbox')} className="shell-bell">
      <Badge count={count} size="small">
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Link>
  );
}

function UserMenu() {
  const { t, i18n } = useTranslation(NS);
  const { session, refresh } = useSession();
  const navigate = useNavigate();
  const person = session?.person;
  if (!person)
    return (
      <span className="shell-auth">
        <Link to="/login">{t('login')}</Link>
        <Link to="/register">{t('register')}</Link>
      </span>
    );
  const name = nameIn(i18n.language, person.nameZh, person.nameEn);
  const logout = async () => {
    await api('POST', '/api/auth/logout');
    await refresh();
    navigate('/');
  };
  const items: MenuProps['items'] = [
    ...USER_MENU.map((e) => ({ key: e.key, label: t(e.label), onClick: () => navigate(e.path) })),
    { type: 'divider' },
    { key: 'logout', label: t('logout'), danger: true, onClick: () => void logout() },
  ];
  return (
    <Dropdown trigger={['click']} menu={{ items }}>
      <Button type="text" icon={<UserOutlined />} aria-label={t('account', { name })}>
        <span className="shell-wide shell-name" translate="no">
          {name}
        </span>
      </Button>
    </Dropdown>
  );
}

/** A lazy page's failure to load (e.g. a new deployment removed its chunk) says so instead of a blank page. */
class PageBoundary extends Component<{ children: ReactNode; message: string }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <p role="alert">{this.props.message}</p> : this.props.children;
  }
}

const SECURITY_PATH = '/account/security';

export function Shell() {
  const { t, i18n } = useTranslation(NS);
  const { session } = useSession();
  const screens = Grid.useBreakpoint();
  // Below 768 px (antd's md) the menu is a drawer; before the first measurement assume a phone.
  const phone = !screens.md;
  const [drawer, setDrawer] = useState(false);
  const { pathname } = useLocation();
  const queries = useQueryClient();
  const personId = session?.person?.id;

  // Server data is per person and per language (messages come localised): refetch on either change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the change itself is the trigger
  useEffect(() => {
    void queries.invalidateQueries();
  }, [personId, i18n.language, queries]);

  return (
    <Layout className="shell">
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <Layout.Header className="shell-header">
        {phone && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('openMenu')}
            onClick={() => setDrawer(true)}
          />
        )}
        <Link to="/" className="shell-brand">
          {t('brand')}
        </Link>
        <span className="shell-tools">
          <LanguageSwitch />
          <InboxBell />
          <UserMenu />
        </span>
      </Layout.Header>
      <Layout hasSider={!phone}>
        {!phone && (
          <Layout.Sider width={220} theme="light" className="shell-sider">
            <NavMenu />
          </Layout.Sider>
        )}
        {phone && (
          <Drawer
            placement="left"
            open={drawer}
            onClose={() => setDrawer(false)}
            title={t('brand')}
            size={280}
          >
            <NavMenu onNavigate={() => setDrawer(false)} />
          </Drawer>
        )}
        <Layout.Content className="shell-content">
          <main id="main" tabIndex={-1}>
            {session === null ? (
              <Spin aria-label={t('loading')} />
            ) : session.twoFactor.mustEnrol && pathname !== SECURITY_PATH ? (
              // A role of theirs requires two-step sign-in: nothing else works until it is on.
              <Navigate to={SECURITY_PATH} replace />
            ) : (
              <PageBoundary key={pathname} message={t('loadFailed')}>
                <Suspense fallback={<Spin aria-label={t('loading')} />}>
                  <Outlet />
                </Suspense>
              </PageBoundary>
            )}
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
