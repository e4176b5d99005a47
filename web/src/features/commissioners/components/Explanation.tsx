// Why a commissioner fits a demand: the score as expertise + place points, the place's nearness,
// and the shared words with their points.
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Candidate } from '../api.ts';
import { NS } from '../i18n.ts';

export function Explanation({
  c,
}: {
  c: Pick<Candidate, 'score' | 'affinity' | 'regionPoints' | 'regionLevel' | 'explanation'>;
}) {
  const { t } = useTranslation(NS);
  return (
    <Space direction="vertical" size={2}>
      <Typography.Text>
        {t('explain.score')} <strong className="num">{c.score}</strong>
        {' · '}
        <Typography.Text type="secondary">
          {t('explain.breakdown', { affinity: c.affinity, region: c.regionPoints })}
        </Typography.Text>{' '}
        <Tag
          color={c.regionLevel === 'county' ? 'purple' : c.regionLevel === 'elsewhere' ? 'default' : 'blue'}
        >
          {t(`levels.${c.regionLevel}`)}
        </Tag>
      </Typography.Text>
      {c.explanation.terms.length > 0 && (
        <span>
          <Typography.Text type="secondary">{t('explain.terms')}: </Typography.Text>
          {c.explanation.terms.map((x) => (
            <Tag key={x.term}>
              {x.term} +{x.points}
            </Tag>
          ))}
          {c.explanation.otherPoints > 0 && (
            <Typography.Text type="secondary">
              {t('explain.others', { points: c.explanation.otherPoints })}
            </Typography.Text>
          )}
        </span>
      )}
    </Space>
  );
}
