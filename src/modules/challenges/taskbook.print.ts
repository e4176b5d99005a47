// The printable task book (任务书) in Chinese or English: an HTML page with a print stylesheet.

import { COMPARATOR_SYMBOL } from './challenges.ts';
import type { getTaskBook } from './delivery.service.ts';

type TaskBook = Awaited<ReturnType<typeof getTaskBook>>;

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
/** A UTC instant as Beijing time (UTC+8, no daylight saving): 'YYYY-MM-DD HH:mm'. */
export const beijingTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const yuan = (fen: number) =>
  (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const L = {
  'zh-CN': {
    doc: '揭榜挂帅项目任务书',
    proposer: '发榜方',
    host: '揭榜单位',
    commander: '项目负责人（挂帅）',
    budget: '经费（元）',
    targets: '考核指标（已冻结）',
    metric: '指标',
    threshold: '要求',
    verification: '验证方式',
    mandatory: '约束性',
    yes: '是',
    no: '否',
    milestones: '里程碑',
    due: '完成时间',
    deliverables: '交付成果',
    tranches: '拨款计划',
    amount: '金额（元）',
    condition: '拨付条件',
    signatures: '签署',
    party: '签署方',
    signer: '签署人',
    signedAt: '签署时间（北京时间）',
    unsigned: '未签署',
    digest: '指标摘要（SHA-256）',
  },
  en: {
    doc: 'Task book — open-competition challenge',
    proposer: 'Proposer',
    host: 'Host organisation',
    commander: 'Commander (team leader)',
    budget: 'Budget (yuan)',
    targets: 'Targets (frozen)',
    metric: 'Metric',
    threshold: 'Requirement',
    verification: 'Verification',
    mandatory: 'Mandatory',
    yes: 'yes',
    no: 'no',
    milestones: 'Milestones',
    due: 'Due',
    deliverables: 'Deliverables',
    tranches: 'Tranches',
    amount: 'Amount (yuan)',
    condition: 'Condition',
    signatures: 'Signatures',
    party: 'Party',
    signer: 'Signed by',
    signedAt: 'Signed at (Beijing time, UTC+8)',
    unsigned: 'not signed',
    digest: 'Targets digest (SHA-256)',
  },
} as const;

export function renderTaskBookHtml(t: TaskBook, lang: 'zh-CN' | 'en'): string {
  const l = L[lang];
  const en = lang === 'en';
  const title = en ? t.titleEn || t.titleZh : t.titleZh;
  const rows = (cells: string[][]) =>
    cells.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  const sep = en ? ': ' : '：';
  const signatureRow = (party: string, org: string, s: TaskBook['signatures']['proposer']) => [
    `${party}${sep}${esc(org)}`,
    s ? esc(en ? s.nameEn : s.name) : l.unsigned,
    s ? beijingTime(s.at) : '—',
  ];
  const threshold = (x: TaskBook['targets'][number]) =>
    x.comparator === 'range'
      ? `${esc(x.threshold)} – ${esc(x.thresholdHigh ?? '')} ${esc(x.unit)}`
      : `${COMPARATOR_SYMBOL[x.comparator]} ${esc(x.threshold)} ${esc(x.unit)}`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(l.doc)} — ${esc(title)}</title>
<style>body{font-family:"Noto Serif CJK SC","WenQuanYi Micro Hei",serif;max-width:800px;margin:2rem auto;line-height:1.5}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.2rem}td,th{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}
h1{text-align:center;font-size:1.5rem}h2{font-size:1.1rem;border-bottom:1px solid #333}code{font-size:.8rem;word-break:break-all}
@media print{body{margin:0}a{display:none}}</style></head><body>
<h1>${esc(l.doc)}</h1><h2>${esc(title)}</h2>
<table>${rows([
    [l.proposer, esc(en ? t.proposerOrgEn || t.proposerOrg : t.proposerOrg)],
    [l.host, esc(en ? t.hostOrgEn || t.hostOrg : t.hostOrg)],
    [l.commander, esc(t.commanderName)],
    [l.budget, yuan(t.budgetFen)],
  ])}</table>
<h2>${l.targets}</h2><table><tr><th>${l.metric}</th><th>${l.threshold}</th><th>${l.verification}</th><th>${l.mandatory}</th></tr>
${rows(t.targets.map((x) => [esc(x.metric), threshold(x), esc(`${x.verification}${x.verifierName ? ` (${x.verifierName})` : ''}`), x.mandatory ? l.yes : l.no]))}</table>
<p>${l.digest}: <code>${esc(t.targetsDigest)}</code></p>
<h2>${l.milestones}</h2><table><tr><th>#</th><th>${l.due}</th><th>${l.deliverables}</th></tr>
${rows(t.milestones.map((m, i) => [String(i + 1), esc(m.due), `${esc(m.title)}<br>${esc(m.deliverables)}`]))}</table>
<h2>${l.tranches}</h2><table><tr><th>#</th><th>${l.amount}</th><th>${l.condition}</th></tr>
${rows(t.tranches.map((x, i) => [String(i + 1), yuan(x.amountFen), esc(`${x.label} — ${x.condition}`)]))}</table>
<h2>${l.signatures}</h2><table><tr><th>${l.party}</th><th>${l.signer}</th><th>${l.signedAt}</th></tr>${rows([
    signatureRow(l.proposer, en ? t.proposerOrgEn || t.proposerOrg : t.proposerOrg, t.signatures.proposer),
    signatureRow(l.commander, en ? t.hostOrgEn || t.hostOrg : t.hostOrg, t.signatures.commander),
  ])}</table></body></html>`;
}
