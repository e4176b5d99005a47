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

/**
 * The brand's red. Every colour that carries text passes WCAG AA contrast (4.5:1, axe in the
 * crawl): antd's default status colours, placeholders and secondary text are too light for the
 * 12 px text of tags, so their seeds are the darker shades of the same hues.
 */
const theme = {
  token: {
    colorPrimary: '#b3261e',
    colorLink: '#a0221b',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#707070',
    colorTextTertiary: '#666666',
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorInfo: '#0958d9',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    colorWarning: '#ad4e00',
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    colorError: '#c41d1d',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffa39e',
    borderRadius: 6,
  },
  components: { Menu: { groupTitleColor: '#595959' }, Empty: { colorTextDisabled: '#666666' } },
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
