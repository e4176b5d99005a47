// Two-way matching benchmark for technology transfer (src/modules/transfer/match.ts, the code the
// service runs): synthetic achievements and demands in Chinese and English, with discipline and IPC
// codes; the listed achievements are indexed and every demand gets its top 20 achievements,
// explained (shared words and codes), as GET /api/transfer/demands/:id/matches does. Then the other
// way: the demands are indexed and a sample of achievements gets its top 20 demands.
//
//   node --import tsx bench/transfer/run.ts --achievements 100000 --demands 10000
//   options: --achievements N --demands N --k 20 --reverse-sample N --seed 1
import { parseArgs } from 'node:util';
import { buildMatchIndex, type MatchDoc, matchTop } from '../../src/modules/transfer/match.ts';

const { values: a } = parseArgs({
  options: {
    achievements: { type: 'string', default: '100000' },
    demands: { type: 'string', default: '10000' },
    k: { type: 'string', default: '20' },
    'reverse-sample': { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
  },
});
const nA = Number(a.achievements);
const nD = Number(a.demands);
const K = Number(a.k);
const reverseSample = Math.min(Number(a['reverse-sample']), nA);

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}
const rand = rng(Number(a.seed));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const some = <T>(xs: readonly T[], n: number) => Array.from({ length: n }, () => pick(xs));

// Twenty fields, each with its Chinese and English terms, discipline codes and IPC subclasses.
const ZH = [
  '石英坩埚 单晶硅 拉晶 涂层 气泡 杂质 坩埚 熔融 氧含量 位错',
  '钙钛矿 电池 封装 胶膜 湿热 老化 光伏 组件 效率 衰减',
  '锂电池 正极 负极 电解液 隔膜 循环 容量 快充 热失控 固态',
  '蓝宝石 衬底 抛光 化学机械 亚表面 损伤 晶圆 减薄 研磨 平整度',
  '碳纤维 复合材料 树脂 预浸料 固化 层合板 拉伸 模量 界面 缺陷',
  '水稻 育种 抗病 基因 品种 产量 稻瘟病 分子标记 杂交 株型',
  '污水 处理 膜 生物反应器 氨氮 脱氮 污泥 曝气 回用 能耗',
  '芯片 封装 键合 引线 散热 基板 焊点 可靠性 翘曲 倒装',
  '机器人 减速器 伺服 关节 精度 控制 柔性 抓取 视觉 标定',
  '氢能 电解槽 催化剂 质子交换膜 储氢 燃料电池 铂 制氢 碱性 效率',
  '疫苗 抗原 佐剂 免疫 中和抗体 细胞 表达 纯化 稳定性 剂型',
  '传感器 柔性 应变 压力 导电 薄膜 灵敏度 可穿戴 信号 噪声',
  '钢铁 轧制 热处理 组织 强度 韧性 焊接 腐蚀 涂镀 板材',
  '算法 图像 识别 深度学习 数据集 标注 模型 推理 压缩 部署',
  '中药 提取 有效成分 制剂 质量标准 指纹图谱 药效 毒理 配方 炮制',
  '土壤 修复 重金属 钝化 微生物 有机质 污染 淋洗 植物 监测',
  '航空 发动机 叶片 高温合金 涂层 冷却 疲劳 铸造 单晶 蠕变',
  '5G 天线 射频 滤波器 毫米波 阵列 功放 匹配 损耗 带宽',
  '食品 保鲜 包装 杀菌 发酵 益生菌 口感 货架期 添加剂 检测',
  '建筑 混凝土 装配式 节能 保温 抗震 钢结构 防水 裂缝 耐久',
].map((l) => l.split(' '));
const EN = [
  'quartz crucible silicon pulling coating bubble impurity melt oxygen dislocation',
  'perovskite cell encapsulant film damp heat ageing photovoltaic module efficiency',
  'lithium cathode anode electrolyte separator cycle capacity charging thermal solid',
  'sapphire substrate polishing chemical mechanical subsurface damage wafer thinning',
  'carbon fibre composite resin prepreg curing laminate tensile modulus interface',
  'rice breeding resistance gene variety yield blast marker hybrid',
  'wastewater membrane bioreactor ammonia nitrogen sludge aeration reuse energy',
  'chip packaging bonding wire heat substrate solder reliability warpage flip',
  'robot reducer servo joint precision control compliant grasping vision calibration',
  'hydrogen electrolyser catalyst membrane storage fuel platinum alkaline',
  'vaccine antigen adjuvant immune neutralising antibody expression purification',
  'sensor flexible strain pressure conductive film sensitivity wearable signal',
  'steel rolling heat treatment microstructure strength toughness welding corrosion',
  'algorithm image recognition learning dataset annotation model inference',
  'herbal extraction compound formulation quality fingerprint efficacy toxicology',
  'soil remediation heavy metal passivation microbe organic pollution leaching',
  'aero engine blade superalloy coating cooling fatigue casting creep',
  'antenna radio filter millimetre array amplifier matching loss bandwidth',
  'food preservation packaging sterilisation fermentation probiotic shelf',
  'concrete prefabricated insulation seismic steel waterproof crack durability',
].map((l) => l.split(' '));
const DISC = [
  'E02',
  'E03',
  'E04',
  'E05',
  'C13',
  'E10',
  'F04',
  'E06',
  'B08',
  'H10',
  'E01',
  'E09',
  'F06',
  'H28',
  'D07',
  'E08',
  'F01',
  'C15',
  'E07',
  'E11',
];
const IPC = [
  'C30B',
  'H01L',
  'H01M',
  'B24B',
  'B32B',
  'A01H',
  'C02F',
  'H01L',
  'B25J',
  'C25B',
  'A61K',
  'G01L',
  'C21D',
  'G06N',
  'A61K',
  'B09C',
  'F01D',
  'H01Q',
  'A23L',
  'E04B',
];

function doc(id: string, demand: boolean): MatchDoc {
  const f = Math.floor(rand() * ZH.length);
  const g = rand() < 0.2 ? Math.floor(rand() * ZH.length) : f; // some cross-field texts
  const zh = [...some(ZH[f], 6), ...some(ZH[g], 2)];
  const en = [...some(EN[f], 6), ...some(EN[g], 2)];
  const sub = `${DISC[f]}${String(1 + Math.floor(rand() * 9)).padStart(2, '0')}`;
  return {
    id,
    titleZh: zh.slice(0, 4).join(''),
    titleEn: en.slice(0, 4).join(' '),
    textZh: `一种${zh.join('、')}的方法，用于${pick(ZH[f])}。`,
    textEn: `A method for ${en.join(', ')} used in ${pick(EN[f])}.`,
    keywords: [...some(ZH[f], 2), pick(EN[f])],
    disciplineCodes: [demand ? DISC[f] : sub],
    ipcCodes: demand ? [] : [`${IPC[f]} ${1 + Math.floor(rand() * 30)}/${10 + Math.floor(rand() * 80)}`],
  };
}

const mb = (x: number) => Math.round(x / 1048576);
let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const t0 = performance.now();
const achievements = Array.from({ length: nA }, (_, i) => doc(`a${i}`, false));
const demands = Array.from({ length: nD }, (_, i) => doc(`d${i}`, true));
sample();
const t1 = performance.now();
const aIndex = buildMatchIndex(achievements);
sample();
const t2 = performance.now();
let hits = 0;
let fitting = 0;
for (let i = 0; i < nD; i++) {
  const top = matchTop(aIndex, demands[i], K);
  hits += top.length;
  if (top[0] && top[0].score >= 30) fitting++;
  if (i % 1000 === 0) sample();
}
sample();
const t3 = performance.now();
const dIndex = buildMatchIndex(demands);
const t4 = performance.now();
const step = nA / reverseSample;
for (let i = 0; i < reverseSample; i++) matchTop(dIndex, achievements[Math.floor(i * step)], K);
sample();
const t5 = performance.now();
const s = (ms: number) => Math.round(ms) / 1000;
console.log(
  JSON.stringify(
    {
      achievements: nA,
      demands: nD,
      k: K,
      generateS: s(t1 - t0),
      indexAchievementsS: s(t2 - t1),
      demandsToAchievementsS: s(t3 - t2),
      perDemandMs: Math.round(((t3 - t2) / nD) * 100) / 100,
      meanResults: Math.round((hits / nD) * 10) / 10,
      demandsWithAFit: fitting,
      indexDemandsS: s(t4 - t3),
      reverseSample,
      perAchievementMs: Math.round(((t5 - t4) / reverseSample) * 100) / 100,
      peakRssMB: mb(peak),
      heapUsedMB: mb(process.memoryUsage().heapUsed),
    },
    null,
    1,
  ),
);
