// Everything a page may rely on: router, server-data cache, session, antd theme and locale
// (with dayjs's) following the UI language.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { SessionProvider } from '../session.tsx';

export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } },
});

/** The brand's red; text on it and links in it pass WCAG AA contrast. */
const theme = {
  // Secondary text darker than antd's default so it passes WCAG AA contrast (axe in the crawl).
  token: { colorPrimary: '#b3261e', colorLink: '#a0221b', colorTextDescription: '#595959', borderRadius: 6 },
  components: { Menu: { groupTitleColor: '#595959' } },
};

export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  dayjs.locale(en ? 'en' : 'zh-cn');
  return (
    <BrowserRouter>
      <QueryClientProvider client={queryClient}>
        <ConfigProvider locale={en ? enUS : zhCN} theme={theme}>
          <AntApp>
            <SessionProvider>{children}</SessionProvider>
          </AntApp>
        </ConfigProvider>
      </QueryClientProvider>
    </BrowserRouter>
  );
}
