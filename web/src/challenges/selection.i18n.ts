// Strings of the selection side of a challenge (public notice, expert ranking, pledge versions,
// member picker, readable eligibility), as their own i18n bundle.
import i18n from '../i18n/index.ts';

const en = {
  bids: { states: { cancelled: 'Cancelled with the challenge' } },
  selection: {
    regionFromProfile: 'From your organisation’s profile; change it if the work is elsewhere.',
    membersHint:
      'Find people by name or exact email and add them; each confirms on their own bid page. You lead the team as commander.',
    memberRoleOf: 'Role of {{name}}',
    removeMemberNamed: 'Remove {{name}}',
    findPerson: 'Find a team member',
    findPersonHint: 'Name in Chinese or English (at least two characters), or the full email address.',
    search: 'Search',
    nobodyFound: 'Nobody found (people already in the team are not listed).',
    addPerson: 'Add {{name}}',
    ethicsLegend: 'Ethics declaration',
    ethicsHint:
      'The categories this challenge involves are ticked for you and must stay declared; tick any others your work involves. Bids that declare categories need an ethics approval before award.',
    requiredByChallenge: 'named by the challenge',
    commentOrCancelReason:
      'Comment (required to cancel: the reason is recorded and ends every open bid on this challenge)',
    noticeTitle: 'Public notice: intended winners',
    awardedTitle: 'Winners',
    noticeIntro: 'Objections may be raised until {{end}} (Beijing time).',
    commander: 'Commander',
    hostOrg: 'Host organisation',
    budget: 'Budget requested (yuan)',
    bidRef: 'Bid',
    rank: 'Rank',
    calibrated: 'Calibrated expert score',
    expertSource:
      'Ranked by the expert review: calibrated ranking decision version {{version}} of {{at}}. The proposer’s fit score is shown beside it.',
    pledgeCovers:
      'The signatures cover the commitments, consequences, milestones and budget; changing any of them makes a new version both must sign. Digest:',
    pledgeHistory: 'Signed pledge versions',
    pledgeVersionCol: 'Version',
    digest: 'SHA-256',
    current: 'current',
    organizerSource:
      'No review round has ranked these bids yet: the organizer’s scores stand in. The proposer’s fit score is shown beside them.',
  },
};

const zhCN: typeof en = {
  bids: { states: { cancelled: '因撤榜终止' } },
  selection: {
    regionFromProfile: '取自本单位档案；如任务实施地不同可修改。',
    membersHint:
      '按姓名或完整邮箱查找并添加成员；每位成员在自己的揭榜页面确认参与。您本人作为揭榜挂帅人领衔团队。',
    memberRoleOf: '{{name}} 的团队分工',
    removeMemberNamed: '移除 {{name}}',
    findPerson: '查找团队成员',
    findPersonHint: '中文或英文姓名（至少两个字符），或完整的电子邮箱。',
    search: '查找',
    nobodyFound: '未找到（已在团队中的人员不再列出）。',
    addPerson: '添加 {{name}}',
    ethicsLegend: '科技伦理声明',
    ethicsHint:
      '本榜单涉及的伦理类别已为您勾选且必须声明；如研究还涉及其他类别，请一并勾选。声明了伦理类别的方案须在授予前获得伦理审查批准。',
    requiredByChallenge: '榜单要求',
    commentOrCancelReason: '意见（撤榜时必填：撤榜理由将被记录，本榜所有未结束的揭榜方案随之终止）',
    noticeTitle: '公示：拟揭榜团队',
    awardedTitle: '揭榜团队',
    noticeIntro: '异议受理截至 {{end}}（北京时间）。',
    commander: '揭榜挂帅人',
    hostOrg: '依托单位',
    budget: '申请经费（元）',
    bidRef: '揭榜方案',
    rank: '排名',
    calibrated: '校准后专家评分',
    expertSource: '按专家评审排序：校准排名决定第 {{version}} 版（{{at}}）。发榜方的契合度评分并列显示。',
    pledgeCovers:
      '签署范围包括承诺、未完成的后果、里程碑和经费；其中任一项变更即产生新版本，须双方重新签署。摘要：',
    pledgeHistory: '军令状签署版本',
    pledgeVersionCol: '版本',
    digest: 'SHA-256',
    current: '当前',
    organizerSource: '尚无评审轮次对这些方案排名，暂以组织方评分代替。发榜方的契合度评分并列显示。',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false);
