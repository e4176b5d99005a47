// A page's frame: title (the page's h1 and the document title), optional breadcrumb and actions.
//   <Page title={t('title')} breadcrumb={[{ title: <Link to="/challenges">…</Link> }, { title: name }]}
//         extra={<Button>…</Button>}>…</Page>
import { Breadcrumb, type BreadcrumbProps, Flex, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function Page({
  title,
  heading,
  subtitle,
  breadcrumb,
  extra,
  children,
}: {
  /** The document title; also the heading unless `heading` is given. */
  title: string;
  /** The heading when it needs markup (e.g. a name marked translate="no"). */
  heading?: ReactNode;
  subtitle?: ReactNode;
  breadcrumb?: BreadcrumbProps['items'];
  extra?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation('shell');
  useEffect(() => {
    document.title = `${title} · ${t('brand')}`;
  }, [title, t]);
  return (
    <section className="page">
      {breadcrumb && <Breadcrumb items={breadcrumb} style={{ marginBottom: 8 }} />}
      <Flex wrap gap="small" align="center" justify="space-between" style={{ marginBottom: 16 }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {heading ?? title}
        </Typography.Title>
        {extra && (
          <Flex wrap gap="small">
            {extra}
          </Flex>
        )}
      </Flex>
      {subtitle && <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>}
      {children}
    </section>
  );
}
