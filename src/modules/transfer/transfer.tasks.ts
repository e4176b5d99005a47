// "My tasks" of deal parties: deals waiting for the actor's side — terms to answer, a contract to
// sign, and (for the transfer office) a signed contract to register.
import { defineMessages, t } from '../../i18n/messages.ts';
import { registerTaskSource } from '../home/tasks.ts';

defineMessages({
  'transfer.task.waiting': {
    'zh-CN': '{count} 项成果转化交易等待您处理',
    en: '{count} transfer deal(s) wait for you',
  },
});

registerTaskSource(async ({ actor, db }) => {
  const offices = actor.roles.filter((r) => r.role === 'admin').map((r) => r.orgId);
  const buyers = actor.roles.filter((r) => r.role === 'admin' || r.role === 'proposer').map((r) => r.orgId);
  const none = ['00000000-0000-0000-0000-000000000000'];
  const rows = await db
    .selectFrom('transfer_deal as d')
    .innerJoin('transfer_achievement as a', 'a.id', 'd.achievement_id')
    .select([
      'd.id',
      'd.state',
      'd.proposed_side',
      'd.seller_signed_at',
      'd.buyer_signed_at',
      'd.seller_org_id',
      'd.buyer_org_id',
      'a.created_by',
      'd.notice_ends_at',
    ])
    .where('d.state', 'in', ['proposed', 'notice', 'signing', 'signed'])
    .where((eb) =>
      eb.or([
        eb('d.seller_org_id', 'in', offices.length ? offices : none),
        eb('d.buyer_org_id', 'in', buyers.length ? buyers : none),
        eb('a.created_by', '=', actor.personId),
      ]),
    )
    .execute();
  const now = Date.now();
  const waiting = rows.filter((d) => {
    const seller = offices.includes(d.seller_org_id) || d.created_by === actor.personId;
    const buyer = buyers.includes(d.buyer_org_id);
    if (d.state === 'proposed')
      return (seller && d.proposed_side === 'buyer') || (buyer && d.proposed_side === 'seller');
    if (d.state === 'notice' || d.state === 'signing') {
      if (d.notice_ends_at && d.notice_ends_at.getTime() > now) return false;
      return (seller && !d.seller_signed_at) || (buyer && !d.buyer_signed_at);
    }
    return d.state === 'signed' && offices.includes(d.seller_org_id);
  });
  if (!waiting.length) return [];
  return [
    {
      kind: 'transfer.deal',
      count: waiting.length,
      title: t('transfer.task.waiting', { count: waiting.length }),
      href: '/transfer/deals',
    },
  ];
});
